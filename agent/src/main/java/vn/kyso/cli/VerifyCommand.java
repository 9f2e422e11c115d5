package vn.kyso.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import vn.kyso.app.AgentAssembly;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.errors.Language;
import vn.kyso.json.JsonSummary;
import vn.kyso.json.JwsDocument;
import vn.kyso.json.StrictJson;
import vn.kyso.pki.TrustStore;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.XmlDocumentReport;
import vn.kyso.verify.XmlSignatureFacts;
import vn.kyso.verify.report.ReportText;
import vn.kyso.verify.report.SignedContent;
import vn.kyso.verify.report.VerificationReportHtml;
import vn.kyso.verify.report.VerificationReportPdf;
import vn.kyso.xml.SafeXml;

/**
 * {@code kyso verify FILE}: every check on every signature; the report in Vietnamese (default), English or JSON.
 * {@code --report out.pdf} and {@code --html out.html} also write the printable report (what a văn thư files or
 * attaches when refusing a document). Exit code 0 only when every signature passes, 1 otherwise, 2 for bad usage.
 */
final class VerifyCommand implements Command {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "Kiểm tra chữ ký số trong tệp PDF, XML hoặc JWS/JAdES / verify the signatures of a PDF, XML or JWS/JAdES "
                + "file: verify FILE [--json] [--lang en] [--offline] [--trust DIR] [--trust-cert FILE] "
                + "[--report OUT.pdf] [--html OUT.html] [--detached SIGNED-XML] [--payload JSON]";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options options = Options.parse(args, Set.of("--json", "--offline"),
                Set.of("--lang", "--trust", "--trust-cert", "--password", "--report", "--html", "--detached",
                        "--payload"));
        if (options.positional().size() != 1) {
            throw new Main.UsageException("Cách dùng / usage: kyso " + summary().substring(summary().indexOf("verify FILE")));
        }
        Path file = Path.of(options.positional().get(0));
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("Không tìm thấy tệp / file not found: " + file);
        }
        TrustStore trust = TrustStore.withBundledRoots();
        for (String dir : options.all("--trust")) {
            trust.addDirectory(Path.of(dir)).rejected().forEach(r ->
                    err.println("Bỏ qua / skipped " + r.file() + ": " + r.reason()));
        }
        for (String cert : options.all("--trust-cert")) {
            try (var in = Files.newInputStream(Path.of(cert))) {
                trust.add((java.security.cert.X509Certificate) java.security.cert.CertificateFactory
                        .getInstance("X.509").generateCertificate(in));
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        // nothing is signed: no token is opened, no TSA or audit log is needed
        PdfSignatureVerifier verifier = AgentAssembly.forTerminal(AgentAssembly.builder().trust(trust)
                .online(!options.has("--offline")).build(), ConsentPrompt.NOBODY, request -> Optional.empty())
                .verifier();
        Language lang = "en".equals(options.get("--lang", "vi")) ? Language.EN : Language.VI;
        DocumentReport report;
        SignedContent content = SignedContent.NONE;
        // The format is recognised from the content: a PDF starts with %PDF, XML with a tag, anything else that
        // parses as a JWS (or JSON) is one.
        String payloadFile = options.get("--payload", null);
        boolean isPdf = startsWithPdf(bytes);
        if (!isPdf && SafeXml.looksLikeXml(bytes)) {
            String detached = options.get("--detached", null);
            XmlDocumentReport xml = detached == null ? verifier.xmlVerifier().verify(bytes)
                    : verifier.xmlVerifier().verify(bytes, Files.readAllBytes(Path.of(detached)),
                    Path.of(detached).getFileName().toString());
            report = xml.report();
            content = SignedContent.ofXml(xml.signatures(), lang);
            if (options.has("--json")) {
                out.println(ReportJson.toJson(xml));
            } else {
                out.print(ReportText.render(report, lang));
                printCoverage(xml, out);
            }
        } else if (!isPdf && (payloadFile != null || JwsDocument.looksLikeJws(bytes) || StrictJson.looksLikeJson(bytes))) {
            byte[] payload = payloadFile != null ? Files.readAllBytes(Path.of(payloadFile)) : null;
            report = verifier.jwsVerifier().verify(bytes, payload);
            Optional<JsonSummary> summary = JsonSummary.ofSigned(bytes, payload);
            if (summary.isPresent()) {
                content = SignedContent.ofJson(summary.get(), lang);
            }
            if (options.has("--json")) {
                out.println(ReportJson.toJson(ReportJson.tree(report, summary)));
            } else {
                out.print(ReportText.render(report, lang));
                summary.ifPresent(s -> {
                    out.println();
                    out.println(lang.pick("Nội dung đã ký:", "Signed content:"));
                    s.lines().forEach(line -> out.println("  " + line));
                });
            }
        } else {
            report = verifier.verify(bytes, options.get("--password", null));
            if (options.has("--json")) {
                out.println(ReportJson.toJson(report));
            } else {
                out.print(ReportText.render(report, lang));
            }
        }
        String name = file.getFileName().toString();
        String sha256 = HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        // Messages about the written files go to stderr so that --json output stays one parsable document.
        if (!options.all("--report").isEmpty()) {
            Path pdf = Path.of(options.get("--report", null));
            Files.write(pdf, VerificationReportPdf.render(report, name, sha256, lang, content));
            err.println("Đã ghi báo cáo PDF / PDF report written: " + pdf);
        }
        if (!options.all("--html").isEmpty()) {
            Path html = Path.of(options.get("--html", null));
            Files.writeString(html, VerificationReportHtml.render(report, name, sha256, lang, content));
            err.println("Đã ghi báo cáo HTML / HTML report written: " + html);
        }
        return report.error() == null && report.indication() == Indication.TOTAL_PASSED ? 0 : 1;
    }

    private static boolean startsWithPdf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F';
    }

    /** What each XML signature covers, and the e-invoice it signs. */
    private static void printCoverage(XmlDocumentReport xml, PrintStream out) {
        for (int i = 0; i < xml.signatures().size(); i++) {
            XmlSignatureFacts facts = xml.signatures().get(i);
            out.println("Chữ ký / signature " + (i + 1) + " (" + facts.path() + "):");
            facts.signedNodes().forEach(node -> out.println("  Phần được ký / signed: " + node.path()
                    + (node.id() == null ? "" : " (Id " + node.id() + ")")));
            if (facts.invoice() != null) {
                out.println("  Hóa đơn số / invoice: " + facts.invoice().number());
                out.println("  Người bán / seller: " + facts.invoice().seller());
                out.println("  Người mua / buyer: " + facts.invoice().buyer());
                out.println("  Tổng tiền / total: " + facts.invoice().total());
            }
        }
    }
}
