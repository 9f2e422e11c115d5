package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;

/**
 * Signing a ~50 MB PDF file to file at B-LT keeps the heap bounded: the engine parses lazily from disk and appends
 * its revisions, so the peak heap growth must stay far below the file's size (the byte[] path held ~6× the file).
 */
class LargeFileSigningTest {

    private static final int PAGES = 1000;
    private static final int IMAGE_WIDTH = 128;
    private static final int IMAGE_HEIGHT = 136;
    /**
     * Signing at B-LT parses the file twice (the signature revision, then the /DSS revision), each time lazily; a
     * writer that loads every object (PDFBox's incremental save) needs about four times the parse, the byte[] path at
     * least two copies of the file. Allowance for the CMS, the OCSP/CRL fetches, the sampling's 1 MB regions and
     * other threads' garbage under load: 24 MB.
     */
    private static final int PARSES = 3;
    private static final long ALLOWANCE = 24L * 1024 * 1024;

    private static final Path DIR = Path.of("target", "large-file-signing");
    private static final Path INPUT = DIR.resolve("input-50mb.pdf");

    @BeforeAll
    static void generate() throws IOException {
        Files.createDirectories(DIR);
        if (Files.exists(INPUT) && Files.size(INPUT) > 45L * 1024 * 1024) {
            return;
        }
        // Every page has its own incompressible image (no filter), so the file is ~PAGES × 52 KB.
        Random random = new Random(PAGES);
        byte[] raw = new byte[IMAGE_WIDTH * IMAGE_HEIGHT * 3];
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < PAGES; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                random.nextBytes(raw);
                PDImageXObject image = new PDImageXObject(document, new ByteArrayInputStream(raw), null,
                        IMAGE_WIDTH, IMAGE_HEIGHT, 8, PDDeviceRGB.INSTANCE);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.drawImage(image, 60, 400, 300, 300);
                }
            }
            document.save(INPUT.toFile());
        }
    }

    @Test
    void signsFiftyMegabytesFileToFileInBoundedHeap() throws Exception {
        assertTrue(Files.size(INPUT) > 45L * 1024 * 1024, "input is ~50 MB");
        Path output = DIR.resolve("signed-b-lt.pdf");
        Files.deleteIfExists(output);
        PadesSigner engine = new PadesSigner(PadesFixture.services());
        var signer = PadesFixture.signer(TestPki.PERSONAL_AN);
        PadesOptions options = PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT);
        // Warm-up on a small file, so class loading and the token session are not counted.
        Path small = DIR.resolve("small.pdf");
        Files.write(small, PadesFixture.samplePdf());
        engine.sign(small, DIR.resolve("small-signed.pdf"), signer, options);

        Operation parsing = () -> {
            try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(INPUT.toFile())) {
                document.getNumberOfPages();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        parsing.run();
        long parse = peakHeapGrowth(parsing);
        SignResult[] result = new SignResult[1];
        long peak = peakHeapGrowth(() -> result[0] = engine.sign(INPUT, output, signer, options));

        assertEquals(PadesLevel.B_LT, result[0].level(), result[0].warnings().toString());
        assertNull(result[0].document(), "the signed document is in the output file");
        assertTrue(peak < PARSES * parse + ALLOWANCE, "peak heap growth " + peak / (1024 * 1024) + " MB for a "
                + Files.size(INPUT) / (1024 * 1024) + " MB file; a lazy parse takes " + parse / (1024 * 1024) + " MB");
        System.out.printf("50 MB file, B-LT, file to file: peak heap growth %d MB; PDFBox lazy parse %d MB%n",
                peak / (1024 * 1024), parse / (1024 * 1024));
        assertPrefix(INPUT, output);
        try (var leftovers = Files.list(DIR)) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temp file left");
        }

        TrustStore trust = TrustStore.empty();
        trust.add(PadesTestSupport.root());
        DocumentReport report = PdfSignatureVerifier.builder(trust).build().verify(Files.readAllBytes(output));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), report.toString());
    }

    /** A failure leaves neither the output nor a temp file, and the input as it was. */
    @Test
    void failureLeavesNothingBehind() throws Exception {
        Path dir = Files.createDirectories(DIR.resolve("failure"));
        Path damaged = dir.resolve("damaged.pdf");
        Path output = dir.resolve("never.pdf");
        byte[] garbage = "%PDF-1.7\nthis is not a PDF body\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(damaged, garbage);
        PadesSigner engine = new PadesSigner(PadesFixture.services());

        KysoException e = org.junit.jupiter.api.Assertions.assertThrows(
                KysoException.class, () -> engine.sign(damaged, output,
                        PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults()));

        assertEquals(PdfError.PDF_DAMAGED.code(), e.code(), e.getMessage());
        assertTrue(Arrays.equals(garbage, Files.readAllBytes(damaged)), "input modified");
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(damaged), files.toList(), "output or temp file left behind");
        }
    }

    /** The input must be an exact prefix of the output; compared chunk by chunk without loading either file. */
    private static void assertPrefix(Path input, Path output) throws IOException {
        assertTrue(Files.size(output) > Files.size(input), "the output adds revisions");
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[64 * 1024];
        long offset = 0;
        try (InputStream in = Files.newInputStream(input); InputStream out = Files.newInputStream(output)) {
            for (int n; (n = in.readNBytes(a, 0, a.length)) > 0; offset += n) {
                assertEquals(n, out.readNBytes(b, 0, n), "output shorter than input");
                assertTrue(Arrays.equals(a, 0, n, b, 0, n), "output differs from input near offset " + offset);
            }
        }
    }

    private interface Operation {
        void run() throws Exception;
    }

    /**
     * Peak heap used while {@code operation} runs, above the post-GC baseline, polled every millisecond by a daemon
     * thread (as the benchmarks' Measure does). Uncollected garbage counts too, which only makes the bound stricter.
     */
    private static long peakHeapGrowth(Operation operation) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(30);
        System.gc();
        Thread.sleep(20);
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long[] peak = {baseline};
        boolean[] stop = {false};
        Thread poller = new Thread(() -> {
            while (!stop[0]) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-poller");
        poller.setDaemon(true);
        poller.start();
        try {
            operation.run();
        } finally {
            stop[0] = true;
            poller.join();
        }
        return Math.max(peak[0], memory.getHeapMemoryUsage().getUsed()) - baseline;
    }
}
