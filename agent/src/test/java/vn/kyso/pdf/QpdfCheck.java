package vn.kyso.pdf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * qpdf --check, an independent PDF parser: exit 0 (clean), 3 (warnings only) or 2 (errors). Warnings are returned
 * without the temporary file name so the input's and the output's can be compared.
 */
record QpdfCheck(int exitCode, Set<String> warnings, String output) {

    /** Warning qpdf gives for every PDFBox incremental update (/Size counts free entries); harmless. */
    static final String OBJECT_COUNT = "reported number of objects";

    static QpdfCheck of(byte[] pdf, String password) throws Exception {
        Path file = Files.createTempFile("kyso-qpdf", ".pdf");
        try {
            Files.write(file, pdf);
            List<String> command = new ArrayList<>(List.of("qpdf", "--check"));
            if (password != null) {
                command.add("--password=" + password);
            }
            command.add(file.toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            Set<String> warnings = new LinkedHashSet<>();
            for (String line : output.split("\n")) {
                if (line.startsWith("WARNING: ")) {
                    warnings.add(line.substring("WARNING: ".length()).replace(file.toString(), "FILE")
                            .replaceAll("\\(object \\d+ \\d+, offset \\d+\\)", "(object)"));
                }
            }
            return new QpdfCheck(exit, warnings, output);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** qpdf had to reconstruct the cross-reference table: the file was damaged before we touched it. */
    boolean damaged() {
        return warnings.stream().anyMatch(w -> w.endsWith("file is damaged"));
    }

    /** The warnings that are neither harmless nor already the input's own. */
    Set<String> newWarnings(QpdfCheck input) {
        Set<String> added = new LinkedHashSet<>(warnings);
        added.removeAll(input.warnings());
        added.removeIf(w -> w.contains(OBJECT_COUNT));
        return added;
    }
}
