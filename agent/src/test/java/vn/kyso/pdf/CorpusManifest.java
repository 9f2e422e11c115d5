package vn.kyso.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The corpus's manifest.tsv: one row per real-world PDF (name, features, passwords, SHA-256 of the file). */
public record CorpusManifest(List<Entry> entries) {

    /**
     * One file of the corpus.
     *
     * @param userPassword the password needed to open it, null when it opens without one
     */
    public record Entry(String name, String features, String userPassword, String sha256) {

        @Override
        public String toString() {
            return name; // the parameterized test's display name
        }
    }

    public static Path directory() {
        return Path.of(System.getProperty("kyso.test.corpus", "/work/shared/corpus"));
    }

    public static CorpusManifest load() {
        try {
            List<String> lines = Files.readAllLines(directory().resolve("manifest.tsv"));
            List<String> header = List.of(lines.get(0).split("\t", -1));
            int name = header.indexOf("file");
            int features = header.indexOf("features");
            int password = header.indexOf("password");
            int sha256 = header.indexOf("sha256");
            List<Entry> entries = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                entries.add(new Entry(cells[name], cells[features], userPassword(cells[password]), cells[sha256]));
            }
            return new CorpusManifest(List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "user=test" or "user=user owner=owner" → the user password; "" or "none needed to open" → null. */
    private static String userPassword(String cell) {
        for (String part : cell.split(" ")) {
            if (part.startsWith("user=")) {
                return part.substring("user=".length());
            }
        }
        return null;
    }
}
