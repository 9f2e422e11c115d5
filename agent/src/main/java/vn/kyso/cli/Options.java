package vn.kyso.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Minimal option parser: {@code --flag}, {@code --name value} (repeatable). No positional magic. */
final class Options {

    private final List<String[]> values = new ArrayList<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    static Options parse(List<String> args, Set<String> flagNames, Set<String> valueNames) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flagNames.contains(a)) {
                o.flags.add(a);
            } else if (valueNames.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new Main.UsageException("Thiếu giá trị cho / missing value for " + a);
                }
                o.values.add(new String[] {a, args.get(++i)});
            } else if (a.startsWith("--")) {
                throw new Main.UsageException("Tùy chọn không hợp lệ / unknown option: " + a);
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    List<String> all(String name) {
        return values.stream().filter(v -> v[0].equals(name)).map(v -> v[1]).toList();
    }

    String get(String name, String fallback) {
        List<String> all = all(name);
        return all.isEmpty() ? fallback : all.get(all.size() - 1);
    }

    List<String> positional() {
        return positional;
    }
}
