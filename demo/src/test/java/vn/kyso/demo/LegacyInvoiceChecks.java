package vn.kyso.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DynamicTest;

import vn.kyso.pki.TrustStore;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.XmlDocumentReport;
import vn.kyso.verify.XmlSignatureFacts;
import vn.kyso.xml.DssXades;
import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;

/**
 * The e-invoice the vgcaplugin.js page signed with vgca_sign_xml (75-vgca-xml.browser.mjs), as its FileUploadHandler
 * received it, judged in Java by three checkers that do not share code: our XML verifier (what was signed, the invoice
 * read back), EU DSS (in the agent tests' own DSS JVM, which needs Santuario 3) and Debian's xmlsec1. DSS's default
 * policy cannot pass plain XMLDSig (see the DSS test), so xmlsec1 and our verifier are the ones that say "valid".
 */
final class LegacyInvoiceChecks {

    /** The handler's stage for the seller's signature (index.html, exc_sign_xml). */
    static final String STAGE = "seller";
    private static final String DATA_ID = "DLHDon-C26TNB-0000457";

    private LegacyInvoiceChecks() {
    }

    static List<DynamicTest> of(LegacyDocumentSystem system, Path work) {
        List<LegacyDocumentSystem.Received> uploads = system.uploads().stream()
                .filter(u -> STAGE.equals(u.stage())).toList();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice: the FileUploadHandler received one signed invoice",
                () -> assertEquals(1, uploads.size(), "uploads at stage " + STAGE)));
        if (uploads.size() != 1) {
            return tests;
        }
        LegacyDocumentSystem.Received upload = uploads.get(0);
        byte[] xml = upload.content();
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice: an XML file, with SessionId, JWTToken and Authorization",
                () -> {
                    assertEquals("invoice.xml", upload.fileName());
                    assertEquals(system.sessionId(), upload.sessionId());
                    assertEquals(system.jwt(), upload.jwtToken());
                    assertEquals("Bearer " + system.jwt(), upload.authorization());
                    assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<SHDon>0000457</SHDon>"));
                }));
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice: valid for our verifier, DLHDon signed, seller's place",
                () -> {
                    TrustStore trust = TrustStore.empty();
                    trust.add(TestEnvironment.shared().pki().root());
                    XmlDocumentReport report = PdfSignatureVerifier.builder(trust).buildXmlVerifier().verify(xml);
                    assertEquals(Indication.TOTAL_PASSED, report.report().indication(), report.report().toString());
                    assertEquals(1, report.signatures().size());
                    XmlSignatureFacts facts = report.signatures().get(0);
                    assertTrue(!facts.xades(), "an e-invoice carries plain XMLDSig");
                    assertTrue(facts.path().startsWith("/HDon/DSCKS/NBan/"), facts.path());
                    assertEquals(List.of(new SignedNode("#" + DATA_ID, "/HDon/DLHDon", DATA_ID)), facts.signedNodes());
                    assertEquals(new EInvoice.Summary("1C26TNB-0000457",
                            "Công ty Cổ phần Thiết bị Tin học Tràng An (MST 2700987654)",
                            "Sở Khoa học và Công nghệ tỉnh Ninh Bình (MST 2700654321)", "13200000 VND"),
                            facts.invoice());
                }));
        // The Tax Department's layout is W3C XMLDSig, not XAdES: DSS's default (ETSI AdES) policy then stops at
        // INDETERMINATE / SIG_CONSTRAINTS_FAILURE because the XAdES signed signing-time is absent. What is judged here
        // is that DSS found the one signature and objected to nothing else: a changed digest, a broken signature
        // value or an untrusted chain would be among its errors (or TOTAL_FAILED).
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice: EU DSS finds one XML-NOT-ETSI signature and objects "
                + "only to the XAdES properties the e-invoice layout does not have", () -> {
            DssXades.Verdict verdict = DssXades.validate(xml, null, null);
            assertEquals(1, verdict.count(), verdict.toString());
            assertEquals("XML-NOT-ETSI", verdict.format(), verdict.toString());
            assertEquals("INDETERMINATE", verdict.indication(), verdict.toString());
            assertEquals("SIG_CONSTRAINTS_FAILURE", verdict.subIndication(), verdict.toString());
            assertEquals(Set.of("BBB_SAV_ISQPSTP_ANS", "ARCH_LTAIVMP_ANS"), errorKeys(verdict), verdict.toString());
        }));
        // the same invoice with its total changed after signing: every checker must object, or the ones above prove nothing
        byte[] changed = new String(xml, StandardCharsets.UTF_8).replace("<TgTTTBSo>13200000</TgTTTBSo>",
                "<TgTTTBSo>1320000</TgTTTBSo>").getBytes(StandardCharsets.UTF_8);
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice with the total changed: refused by ours, DSS and xmlsec1",
                () -> {
                    assertTrue(!Arrays.equals(xml, changed), "the total was not found");
                    TrustStore trust = TrustStore.empty();
                    trust.add(TestEnvironment.shared().pki().root());
                    assertEquals(Indication.TOTAL_FAILED, PdfSignatureVerifier.builder(trust).buildXmlVerifier()
                            .verify(changed).report().indication());
                    DssXades.Verdict verdict = DssXades.validate(changed, null, null);
                    // DSS stops short of TOTAL_FAILED for non-ETSI XMLDSig but names the broken reference
                    assertTrue(!"TOTAL_PASSED".equals(verdict.indication()), verdict.toString());
                    assertTrue(errorKeys(verdict).contains("BBB_CV_IRDOI_ANS"), verdict.toString());
                    assertTrue(xmlsec1(work, "changed-invoice.xml", changed).exitCode() != 0);
                }));
        tests.add(DynamicTest.dynamicTest("VGCA page, invoice: xmlsec1 --verify accepts it, trusting only the root",
                () -> {
                    Run run = xmlsec1(work, "seller-signed-invoice.xml", xml);
                    assertEquals(0, run.exitCode(), run.output());
                    assertTrue(run.output().contains("OK"), run.output());
                }));
        return tests;
    }

    private record Run(int exitCode, String output) {
    }

    /** Debian's xmlsec1 on {@code xml}, trusting only the test root, DLHDon's Id attribute declared. */
    private static Run xmlsec1(Path work, String name, byte[] xml) throws Exception {
        Path file = Files.write(work.resolve(name), xml);
        Path root = Files.writeString(work.resolve("root.pem"), TestPki.pem(TestEnvironment.shared().pki().root()));
        Process xmlsec1 = new ProcessBuilder("xmlsec1", "--verify", "--trusted-pem", root.toString(),
                "--id-attr:Id", "DLHDon", file.toString()).redirectErrorStream(true).start();
        String output = new String(xmlsec1.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(xmlsec1.waitFor(60, TimeUnit.SECONDS), "xmlsec1 did not finish");
        return new Run(xmlsec1.exitValue(), output);
    }

    /** The keys of DSS's errors ("KEY: text, …" before " warnings "). */
    private static Set<String> errorKeys(DssXades.Verdict verdict) {
        String errors = verdict.detail().substring(0, Math.max(0, verdict.detail().indexOf(" warnings ")));
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("([A-Z][A-Z0-9_]+): ").matcher(errors);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
