package vn.kyso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No inline fully qualified project names in code: a {@code vn.kyso.x.Y} written in a method body hides a dependency
 * from the imports, which is how package cycles went unnoticed. Imports and package lines, comments and string
 * literals (logger names, resource paths) are not code and are left out. Scans every module's Java sources.
 */
class InlineNamesTest {

    private static final Pattern PROJECT_NAME = Pattern.compile("(?<![\\w.])vn\\.kyso\\.");
    private static final Pattern IMPORT_OR_PACKAGE = Pattern.compile("^\\s*(import|package)\\s");

    @Test
    void noModuleWritesAProjectNameInline() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isDirectory(root.resolve("jni-token/src")), "run from the agent module: " + root);
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/"))
                    .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/target/"))
                    .toList();
        }
        assertTrue(sources.size() > 300, "too few sources found under " + root + ": " + sources.size());
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            inlineNames(Files.readString(source, StandardCharsets.UTF_8))
                    .forEach(line -> found.add(root.relativize(source) + ":" + line));
        }
        assertEquals(List.of(), found, "inline fully qualified vn.kyso names; import them instead");
    }

    @Test
    void theScanSeesCodeButNotImportsCommentsOrStrings() {
        String source = """
                package vn.kyso.pdf;

                import vn.kyso.errors.KysoException;

                /** Uses {@link vn.kyso.token.TokenManager}. */
                class Example {
                    // vn.kyso.server.AgentServer is not named here
                    static final String LOGGER = "vn.kyso.token.pkcs11";
                    static final char QUOTE = '"';
                    void run() {
                        throw new vn.kyso.errors.KysoException(null);
                    }
                    java.util.Map<String, vn.kyso.verify.Indication> verdicts;
                }
                """;
        assertEquals(List.of("11", "13"), inlineNames(source).stream().map(l -> l.substring(0, l.indexOf(':')))
                .toList());
    }

    /** "line: text" for every code line that names a project class inline. */
    static List<String> inlineNames(String source) {
        String[] lines = codeOnly(source).split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PROJECT_NAME.matcher(lines[i]);
            if (!IMPORT_OR_PACKAGE.matcher(lines[i]).find() && m.find()) {
                out.add((i + 1) + ": " + lines[i].strip());
            }
        }
        return out;
    }

    /** The source with comments and string/char literals blanked out, line breaks kept so line numbers hold. */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                end = i + 1;
                while (end < s.length() && s.charAt(end) != quote && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, s.length());
            } else {
                out.append(s.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
