package vn.kyso.xml;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.europa.esig.dss.detailedreport.DetailedReportFacade;
import eu.europa.esig.dss.diagnostic.DiagnosticDataFacade;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.simplereport.SimpleReportFacade;
import eu.europa.esig.dss.validation.reports.Reports;

import vn.kyso.pdf.PadesTestSupport;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * The client side of {@link DssXadesMain}: one DSS JVM per test JVM, its classpath the test classpath with the
 * Santuario and BouncyCastle jars swapped for the ones DSS was built on (copied to target/dss-jars by the build).
 * Every EU DSS validation of a PDF, and every PAdES signature DSS makes, goes through it: the test JVM runs the
 * BouncyCastle the product ships. Public for the demo module's browser tests, which reach it through the agent's
 * test-jar.
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
            delete(dir);
        }
    }

    /**
     * DSS's full reports on a document (PDF, XML, JSON, CMS), made in the DSS JVM and read back here from their XML,
     * with the test root as the only trust anchor.
     *
     * @param password opens an encrypted PDF (null: none)
     * @param online   with the loopback OCSP, CRL and AIA services; false: no revocation or AIA source at all
     * @throws UnsupportedOperationException when DSS knows no format of the document, as DSS itself throws it
     */
    public static synchronized Reports reports(byte[] document, String password, boolean online) throws IOException {
        start();
        Path dir = Files.createTempDirectory("kyso-dss");
        try {
            Path file = Files.write(dir.resolve("document"), document);
            String[] fields = request(String.join("\t", "REPORTS", file.toString(), password == null ? "-" : password,
                    online ? "online" : "offline", dir.toString()), 3);
            if (!"reports".equals(fields[2])) {
                String unsupported = UnsupportedOperationException.class.getName() + ": ";
                int at = fields[2].indexOf(unsupported);
                if (at >= 0) {
                    // as DSS in the caller's JVM would: "Document format not recognized/handled"
                    throw new UnsupportedOperationException(
                            fields[2].substring(at + unsupported.length()).split("\t")[0]);
                }
                throw new IOException("DSS made no reports: " + String.join(" ", fields));
            }
            return new Reports(DiagnosticDataFacade.newFacade().unmarshall(dir.resolve("diagnostic.xml").toFile()),
                    DetailedReportFacade.newFacade().unmarshall(dir.resolve("detailed.xml").toFile()),
                    SimpleReportFacade.newFacade().unmarshall(dir.resolve("simple.xml").toFile()), null);
        } catch (IOException | UnsupportedOperationException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("DSS's reports could not be read", e);
        } finally {
            delete(dir);
        }
    }

    /**
     * One offline validation timed inside the DSS JVM (wall and CPU time of DSS's own thread, without the plumbing).
     *
     * @param signatures per signature "indication/sub-indication/format"
     */
    public record Timed(long nanos, long cpuNanos, List<String> signatures) {
    }

    /** DSS validates {@code document} offline (test root trusted, no OCSP, CRL or AIA) with its default policy. */
    public static synchronized Timed timed(Path document) throws IOException {
        start();
        String[] fields = request("TIMED\t" + document.toAbsolutePath(), 5);
        if ("ERROR".equals(fields[3])) {
            throw new IOException("DSS did not validate: " + String.join(" ", fields));
        }
        return new Timed(Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                fields.length < 5 || fields[4].isEmpty() ? List.of() : List.of(fields[4].split(",")));
    }

    /** How the PAdES signature value is made outside DSS: the to-be-signed bytes in, the signature value out. */
    public interface ValueSigner {
        byte[] sign(byte[] toBeSigned) throws Exception;
    }

    /**
     * A PAdES signature made by DSS's PAdESService with the TSA at {@code tsa} and the OCSP and CRL the certificates
     * name, its value made by {@code value} (RSA with SHA-256).
     *
     * @param certificates the signer's certificate first, then its chain up to its root (trusted)
     * @param permission   a DocMDP permission (CertificationPermission name) for a certification signature, or null
     * @param timestampSize the /Contents size of DSS's time-stamps, 0 for DSS's default
     */
    public static synchronized byte[] signPades(byte[] pdf, List<X509Certificate> certificates, SignatureLevel level,
                                                String permission, int contentSize, int timestampSize, String tsa,
                                                ValueSigner value) throws Exception {
        start();
        Path dir = Files.createTempDirectory("kyso-dss");
        try {
            Path input = Files.write(dir.resolve("input.pdf"), pdf);
            List<String> pems = new ArrayList<>();
            for (int i = 0; i < certificates.size(); i++) {
                pems.add(Files.writeString(dir.resolve("certificate" + i + ".pem"), TestPki.pem(certificates.get(i)))
                        .toString());
            }
            Path tbs = dir.resolve("tbs.bin");
            String[] prepared = request(String.join("\t", "PADES_PREPARE", input.toString(), String.join(",", pems),
                    level.name(), permission == null ? "-" : permission, String.valueOf(contentSize),
                    timestampSize == 0 ? "-" : String.valueOf(timestampSize),
                    tsa, tbs.toString()), 3);
            if (!"prepared".equals(prepared[2])) {
                throw new IOException("DSS did not prepare the signature: " + String.join(" ", prepared));
            }
            Path signatureValue = Files.write(dir.resolve("value.bin"), value.sign(Files.readAllBytes(tbs)));
            Path output = dir.resolve("signed.pdf");
            String[] signed = request(String.join("\t", "PADES_SIGN", tbs.toString(), "RSA_SHA256",
                    signatureValue.toString(), output.toString()), 3);
            if (!"signed".equals(signed[2])) {
                throw new IOException("DSS did not sign: " + String.join(" ", signed));
            }
            return Files.readAllBytes(output);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
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
            delete(dir);
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

    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    /** "bcprov-jdk18on" for bcprov-jdk18on-1.87.jar; the name itself for anything else. */
    private static String artifact(String fileName) {
        Matcher jar = VERSIONED_JAR.matcher(fileName);
        return jar.matches() ? jar.group(1) : fileName;
    }

    /** CPU time the DSS process has used so far, 0 before it started: a benchmark counts it with its own JVM's. */
    public static synchronized long processCpuNanos() {
        return process == null ? 0 : process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        Path own = Path.of("target", "dss-jars").toAbsolutePath();
        List<String> classpath = new ArrayList<>();
        Set<String> swapped = new HashSet<>();
        try (var jars = Files.list(own)) {
            for (Path jar : jars.toList()) {
                classpath.add(jar.toString());
                swapped.add(artifact(jar.getFileName().toString()));
            }
        }
        if (!swapped.containsAll(Set.of("xmlsec", "bcprov-jdk18on", "bcpkix-jdk18on", "bcutil-jdk18on"))) {
            throw new IOException("DSS's own Santuario and BouncyCastle are not all in " + own + ": " + swapped);
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!swapped.contains(artifact(Path.of(entry).getFileName().toString()))) {
                classpath.add(entry);
            }
        }
        Path root = Files.createTempFile("kyso-dss-root", ".pem");
        Files.writeString(root, TestPki.pem(PadesTestSupport.root()));
        root.toFile().deleteOnExit();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(sameHeapAndCollector());
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), DssXadesMain.class.getName(),
                root.toString()));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        for (String line = out.readLine(); !"DSS-READY".equals(line); line = out.readLine()) {
            if (line == null) {
                throw new IOException("the DSS process did not start");
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    }

    /**
     * The heap and collector options this JVM runs with (the benchmarks fix them), so DSS is timed under the same ones
     * as our engines; 512 MB of heap when none is set.
     */
    private static List<String> sameHeapAndCollector() {
        List<String> options = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xms") || option.startsWith("-Xmx") || option.startsWith("-XX:+Use")
                    || option.startsWith("-XX:NewSize=") || option.startsWith("-XX:MaxNewSize=")) {
                options.add(option);
            }
        }
        if (options.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            options.add("-Xmx512m");
        }
        return options;
    }
}
