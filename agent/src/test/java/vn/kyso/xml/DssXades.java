package vn.kyso.xml;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.TestPki;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.PkiIdentity;

/**
 * The client side of {@link DssXadesMain}: one DSS JVM per test JVM, its classpath the test classpath with the
 * Santuario jar swapped for the one DSS was built on (copied to target/dss-xmlsec by the build). Public for the demo
 * module's browser tests, which reach it through the agent's test-jar.
 */
public final class DssXades {

    /**
     * DSS's verdict on the first signature.
     *
     * @param count         signatures DSS found
     * @param indication    TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED (or NONE / ERROR)
     * @param subIndication null-ish "null" when passed
     * @param format        e.g. XAdES-BASELINE-LT
     */
    public record Verdict(int count, String indication, String subIndication, String format, String detail,
                   long millis) {
    }

    private static Process process;
    private static BufferedReader out;
    private static Writer in;

    private DssXades() {
    }

    public static synchronized Verdict validate(byte[] signature, byte[] detached, String detachedName) throws IOException {
        start();
        Path dir = Files.createTempDirectory("kyso-dss");
        try {
            Path signatureFile = Files.write(dir.resolve("signature.xml"), signature);
            Path detachedFile = detached == null ? null : Files.write(dir.resolve("detached.bin"), detached);
            String[] fields = request("VALIDATE\t" + signatureFile + "\t"
                    + (detachedFile == null ? "-" : detachedFile.toString()) + "\t"
                    + (detachedName == null ? "-" : detachedName), 7);
            return new Verdict(Integer.parseInt(fields[2]), fields[3], fields[4], fields[5], fields[6],
                    Long.parseLong(fields[1]));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    /** A document signed by DSS's XAdESService, and how long DSS took. */
    record Signed(byte[] document, long millis) {
    }

    /**
     * DSS signs {@code input} with {@code alias}'s key (exported to PKCS#12 for DSS) at {@code level}
     * ("XAdES_BASELINE_LT") and {@code packaging} ("ENVELOPED"), with the test PKI's TSA and OCSP/CRL.
     */
    static synchronized Signed sign(byte[] input, String alias, String level, String packaging) throws Exception {
        start();
        Path dir = Files.createTempDirectory("kyso-dss");
        try {
            Path keys = dir.resolve("key.p12");
            PkiIdentity identity = TestEnvironment.shared().pki().get(alias);
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", identity.privateKey(), "test".toCharArray(),
                    identity.chain().toArray(new java.security.cert.X509Certificate[0]));
            try (var stream = Files.newOutputStream(keys)) {
                store.store(stream, "test".toCharArray());
            }
            Path source = Files.write(dir.resolve("input.xml"), input);
            Path target = dir.resolve("signed.xml");
            String[] fields = request(String.join("\t", "SIGN", keys.toString(), "test", source.toString(), level,
                    packaging, target.toString(), TestEnvironment.shared().services().urls().tsa()), 3);
            if (!"signed".equals(fields[2])) {
                throw new IOException("DSS did not sign: " + String.join(" ", fields));
            }
            return new Signed(Files.readAllBytes(target), Long.parseLong(fields[1]));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static String[] request(String line, int fields) throws IOException {
        in.write(line + "\n");
        in.flush();
        for (String answer = out.readLine(); answer != null; answer = out.readLine()) {
            if (answer.startsWith("DSS-RESULT\t")) {
                return answer.split("\t", fields);
            }
        }
        throw new IOException("the DSS process ended");
    }

    private static void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path santuario = Path.of("target", "dss-xmlsec").toAbsolutePath();
        List<String> classpath = new ArrayList<>();
        try (var jars = Files.list(santuario)) {
            classpath.add(jars.filter(p -> p.getFileName().toString().startsWith("xmlsec-")).findFirst()
                    .orElseThrow(() -> new IOException("no Santuario for DSS in " + santuario)).toString());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains(File.separator + "santuario" + File.separator + "xmlsec" + File.separator)) {
                classpath.add(entry);
            }
        }
        Path root = Files.createTempFile("kyso-dss-root", ".pem");
        Files.writeString(root, TestPki.pem(PadesTestSupport.root()));
        root.toFile().deleteOnExit();
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", String.join(File.pathSeparator, classpath), DssXadesMain.class.getName(),
                root.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        for (String line = out.readLine(); !"DSS-READY".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IOException("the DSS process did not start");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    }
}
