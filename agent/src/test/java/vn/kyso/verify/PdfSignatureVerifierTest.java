package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.kyso.cms.EncodedObject;
import vn.kyso.errors.Language;
import vn.kyso.pki.TrustStore;
import vn.kyso.testkit.PkiServicesExtension;
import vn.kyso.testpki.PkiServices.Service;
import vn.kyso.testpki.TestPki;
import vn.kyso.verify.report.ReportText;

class PdfSignatureVerifierTest {

    @RegisterExtension
    static final PkiServicesExtension PKI = PkiServicesExtension.fresh();

    static PdfSignatureVerifier verifier() {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        return PdfSignatureVerifier.builder(trust).build();
    }

    static byte[] signed(String alias, boolean timestamp) throws Exception {
        var identity = PKI.pki().get(alias);
        return TestPdfSigner.sign(TestPdfSigner.blankPdf("Quyet dinh so 12/QD-SKHCN"), identity,
                TestPdfSigner.Options.of(identity, timestamp ? PKI.pki().urls().tsa() : null));
    }

    private static SignatureReport only(DocumentReport report) {
        assertEquals(1, report.signatures().size(), ReportJson.toJson(report));
        return report.signatures().get(0);
    }

    @Test
    void goodRsaSignatureWithTimestampPasses() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.PERSONAL_AN, true));

        SignatureReport signature = only(report);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals("Nguyễn Văn An", signature.signer().name());
        assertEquals(TestPki.AGENCY, signature.signer().organisation());
        assertEquals(CertificateType.PERSONAL, signature.signer().certificateType());
        assertEquals(TimeSource.TIMESTAMP, signature.signingTime().source());
        // This test signer writes a CMS signing-time, which PAdES baseline forbids: EU DSS calls it PAdES-BES.
        assertEquals(SignatureLevel.PADES_BES, signature.level());
        assertEquals(LevelGap.Reason.LEVEL_NOT_BASELINE.name(), signature.levelGaps().get(0).code());
        assertTrue(signature.levelGaps().get(0).messageEn().contains("signing-time"), signature.levelGaps().toString());
        assertEquals(RevocationStatus.GOOD, signature.revocation().status());
        assertEquals(RevocationSource.ONLINE_OCSP, signature.revocation().source());
        assertTrue(signature.coversWholeDocument());
        assertTrue(signature.changesAfter().isEmpty());
        String text = ReportText.render(report);
        assertTrue(text.contains("Hợp lệ") && text.contains("Nguyễn Văn An"), text);
        assertTrue(ReportText.render(report, Language.EN).contains("Valid"));
        assertTrue(ReportJson.toJson(report).contains("\"indication\" : \"TOTAL_PASSED\""));
    }

    @Test
    void goodEcdsaSignaturePasses() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.PERSONAL_CUONG, true));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals("EC", only(report).signer().keyAlgorithm());
    }

    @Test
    void rsaPssSignaturePasses() throws Exception {
        var identity = PKI.pki().get(TestPki.PERSONAL_BINH);
        byte[] pdf = TestPdfSigner.sign(TestPdfSigner.blankPdf("PSS"), identity,
                TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()).withAlgorithm("SHA256withRSAandMGF1"));
        DocumentReport report = verifier().verify(pdf);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
    }

    @Test
    void organisationSealIsReportedAsOrganisation() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.ORGANISATION, true));
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(CertificateType.ORGANISATION, only(report).signer().certificateType());
    }

    @Test
    void twoSignaturesBothPassAndTheFirstSeesOnlyAllowedChanges() throws Exception {
        var binh = PKI.pki().get(TestPki.PERSONAL_BINH);
        byte[] once = signed(TestPki.PERSONAL_AN, true);
        byte[] twice = TestPdfSigner.sign(once, binh, TestPdfSigner.Options.of(binh, PKI.pki().urls().tsa()));

        DocumentReport report = verifier().verify(twice);

        assertEquals(2, report.signatures().size());
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        SignatureReport first = report.signatures().get(0);
        assertFalse(first.changesAfter().isEmpty(), "the second signature is a change after the first");
        assertTrue(first.changesAfter().stream().allMatch(Change::allowed), first.changesAfter().toString());
        assertTrue(first.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.SIGNATURE_ADDED));
        assertFalse(first.coversWholeDocument());
        assertEquals("Trần Thị Bình", report.signatures().get(1).signer().name());
    }

    /**
     * The signatures of one document are checked side by side on the verifier's pool while the calling thread
     * compares revisions: many verifications at once give, each, the report one verification alone gives, in the
     * signatures' order.
     */
    @Test
    void concurrentVerificationsOfAThreeSignatureDocumentGiveTheSameReport() throws Exception {
        byte[] document = signed(TestPki.PERSONAL_AN, true);
        for (String alias : java.util.List.of(TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            var identity = PKI.pki().get(alias);
            document = TestPdfSigner.sign(document, identity,
                    TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()));
        }
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        PdfSignatureVerifier verifier = PdfSignatureVerifier.builder(trust)
                .clock(java.time.Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC)).build();
        String alone = ReportJson.toJson(verifier.verify(document));
        DocumentReport report = verifier.verify(document);
        assertEquals(java.util.List.of("Signature1", "Signature2", "Signature3"),
                report.signatures().stream().map(SignatureReport::fieldName).toList(), alone);

        byte[] shared = document;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> reports = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                reports.add(callers.submit(() -> ReportJson.toJson(verifier.verify(shared))));
            }
            for (var concurrent : reports) {
                assertEquals(alone, concurrent.get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(Indication.TOTAL_PASSED, report.indication(), alone);
    }

    @Test
    void withoutTimestampTheVerificationTimeIsUsedAndTheClaimIsReported() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.PERSONAL_AN, false));
        SignatureReport signature = only(report);
        assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(TimeSource.VERIFICATION_TIME, signature.signingTime().source());
        assertNotNull(signature.signingTime().claimed());
        assertEquals(SignatureLevel.PADES_BES, signature.level());
    }

    @Test
    void claimedLocalTimeSevenHoursAheadIsFlagged() throws Exception {
        var an = PKI.pki().get(TestPki.PERSONAL_AN);
        byte[] pdf = TestPdfSigner.sign(TestPdfSigner.blankPdf("skew"), an, TestPdfSigner.Options.of(an,
                PKI.pki().urls().tsa()).withClaimedTime(Instant.now().plus(Duration.ofHours(7))));
        SignatureReport signature = only(verifier().verify(pdf));
        assertEquals(Indication.TOTAL_PASSED, signature.indication());
        assertTrue(signature.signingTime().localTimeSkew(), signature.toString());
    }

    @Test
    void oneAlteredByteInTheSignedRangeIsHashFailure() throws Exception {
        byte[] pdf = signed(TestPki.PERSONAL_AN, true);
        int at = indexOf(pdf, "Quyet dinh so 12");
        pdf[at] = 'X';

        DocumentReport report = verifier().verify(pdf);

        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.HASH_FAILURE, only(report).subIndication());
    }

    /**
     * /Contents is decoded by the verifier's own table when the file is opened (and reused for the CMS): one changed
     * digit of the signature value inside it is still seen, also by a verifier that has just passed the original.
     */
    @Test
    void oneChangedDigitOfTheSignatureValueInContentsIsCryptoFailure() throws Exception {
        byte[] pdf = signed(TestPki.PERSONAL_AN, true);
        PdfSignatureVerifier verifier = verifier();
        assertEquals(Indication.TOTAL_PASSED, verifier.verify(pdf).indication());
        byte[] signatureValue;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            byte[] cms = EncodedObject.first(document.getLastSignatureDictionary().getContents());
            signatureValue = new CMSSignedData(cms).getSignerInfos().getSigners().iterator()
                    .next().getSignature();
        }
        String hex = HexFormat.of().withUpperCase().formatHex(signatureValue);
        int at = new String(pdf, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).indexOf(hex);
        assertTrue(at > 0, "signature value not found in /Contents");
        byte[] changed = pdf.clone();
        changed[at + 10] = (byte) (changed[at + 10] == '0' ? '1' : '0');

        DocumentReport report = verifier.verify(changed);

        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.SIG_CRYPTO_FAILURE, only(report).subIndication());
        assertEquals(Indication.TOTAL_PASSED, verifier.verify(pdf).indication());
    }

    /**
     * Shadow attack: the page, its content stream and its resources dictionary stay as signed; a later revision
     * redefines only the form XObject the page draws. The unchanged-object shortcut must not hide it.
     */
    @Test
    void aSwappedXObjectBehindUnchangedResourcesIsModifiedAfterSigning() throws Exception {
        byte[] unsigned;
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            var form = new org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject(document);
            form.setBBox(new org.apache.pdfbox.pdmodel.common.PDRectangle(200, 200));
            try (var out = form.getContentStream().createOutputStream()) {
                out.write("0 0 1 rg 0 0 100 100 re f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            var resources = new org.apache.pdfbox.pdmodel.PDResources();
            org.apache.pdfbox.cos.COSName name = resources.add(form);
            page.setResources(resources);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.drawForm(form);
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            unsigned = out.toByteArray();
            assertTrue(name != null);
        }
        var identity = PKI.pki().get(TestPki.PERSONAL_AN);
        byte[] signed = TestPdfSigner.sign(unsigned, identity,
                TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()));
        assertEquals(Indication.TOTAL_PASSED, verifier().verify(signed).indication());

        byte[] attacked;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            var resources = document.getPage(0).getResources();
            org.apache.pdfbox.cos.COSName first = resources.getXObjectNames().iterator().next();
            var stream = (org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject) resources.getXObject(first);
            try (var out = stream.getContentStream().createOutputStream()) {
                out.write("1 0 0 rg 0 0 200 200 re f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            stream.getCOSObject().setNeedToBeUpdated(true); // only the XObject is rewritten
            var out = new java.io.ByteArrayOutputStream();
            document.saveIncremental(out);
            attacked = out.toByteArray();
        }
        SignatureReport signature = only(verifier().verify(attacked));
        assertEquals(SubIndication.MODIFIED_AFTER_SIGNING, signature.subIndication(), signature.changesAfter().toString());
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.PAGE_RESOURCES_CHANGED
                && !c.allowed()), signature.changesAfter().toString());
    }

    /**
     * The signed revision itself replaced the page's content stream (an earlier draft stays in the file); a later
     * update only adds an xref entry pointing the stream back at the draft. Every definition the final file reads
     * lies inside the signed bytes, yet the page says something else: the unchanged-object shortcut must compare xref
     * entries, not only offsets.
     */
    @Test
    void aLaterXrefPointingBackToAReplacedDraftIsModifiedAfterSigning() throws Exception {
        byte[] draft;
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(document, page)) {
                content.addRect(0, 0, 300, 300);
                content.fill();
            }
            var out = new java.io.ByteArrayOutputStream();
            document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.NO_COMPRESSION);
            draft = out.toByteArray();
        }
        byte[] unsigned;
        long streamNumber;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(draft)) {
            var stream = (org.apache.pdfbox.cos.COSStream) document.getPage(0).getCOSObject()
                    .getDictionaryObject(org.apache.pdfbox.cos.COSName.CONTENTS);
            streamNumber = stream.getKey().getNumber();
            try (var out = stream.createOutputStream()) {
                out.write("0 0 10 10 re f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            stream.setNeedToBeUpdated(true);
            var out = new java.io.ByteArrayOutputStream();
            document.saveIncremental(out);
            unsigned = out.toByteArray();
        }
        var identity = PKI.pki().get(TestPki.PERSONAL_AN);
        byte[] signed = TestPdfSigner.sign(unsigned, identity,
                TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()));
        assertEquals(Indication.TOTAL_PASSED, verifier().verify(signed).indication());

        String text = new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1);
        int draftOffset = text.indexOf("\n" + streamNumber + " 0 obj") + 1; // the first definition: the draft
        int previous = Integer.parseInt(text.substring(text.lastIndexOf("startxref") + 9).trim().split("\\s+")[0]);
        String trailer;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            var t = document.getDocument().getTrailer();
            trailer = "<< /Size " + t.getInt(org.apache.pdfbox.cos.COSName.SIZE) + " /Root "
                    + document.getDocumentCatalog().getCOSObject().getKey().getNumber() + " 0 R /Prev " + previous
                    + " >>";
        }
        String update = "\nxref\n0 1\n0000000000 65535 f \n" + streamNumber + " 1\n"
                + String.format("%010d", draftOffset) + " 00000 n \ntrailer\n" + trailer + "\nstartxref\n"
                + (signed.length + 1) + "\n%%EOF\n";
        byte[] attacked = java.util.Arrays.copyOf(signed, signed.length + update.length());
        System.arraycopy(update.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, attacked, signed.length,
                update.length());

        SignatureReport signature = only(verifier().verify(attacked));
        assertEquals(SubIndication.MODIFIED_AFTER_SIGNING, signature.subIndication(), signature.changesAfter().toString());
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.PAGE_CONTENT_CHANGED
                && !c.allowed()), signature.changesAfter().toString());
    }

    /** An annotation dictionary left as signed, whose appearance stream a later revision swaps, is still a change. */
    @Test
    void aSwappedAppearanceBehindAnUnchangedAnnotationIsReported() throws Exception {
        byte[] unsigned;
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            document.addPage(page);
            var square = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationSquare();
            square.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(50, 50, 100, 100));
            var appearance = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream(document);
            appearance.setBBox(new org.apache.pdfbox.pdmodel.common.PDRectangle(100, 100));
            try (var out = appearance.getContentStream().createOutputStream()) {
                out.write("0 0 1 rg 0 0 10 10 re f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            var dictionary = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary();
            dictionary.setNormalAppearance(appearance);
            square.setAppearance(dictionary);
            page.getAnnotations().add(square);
            square.getCOSObject().setDirect(false);
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            unsigned = out.toByteArray();
        }
        var identity = PKI.pki().get(TestPki.PERSONAL_AN);
        byte[] signed = TestPdfSigner.sign(unsigned, identity,
                TestPdfSigner.Options.of(identity, PKI.pki().urls().tsa()));
        byte[] attacked;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            var annotation = document.getPage(0).getAnnotations().stream()
                    .filter(a -> "Square".equals(a.getSubtype())).findFirst().orElseThrow();
            var stream = annotation.getAppearance().getNormalAppearance().getAppearanceStream();
            try (var out = stream.getContentStream().createOutputStream()) {
                out.write("1 0 0 rg 0 0 100 100 re f".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            stream.getCOSObject().setNeedToBeUpdated(true); // the annotation dictionary itself is not rewritten
            var out = new java.io.ByteArrayOutputStream();
            document.saveIncremental(out);
            attacked = out.toByteArray();
        }
        SignatureReport signature = only(verifier().verify(attacked));
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.ANNOTATION_CHANGED),
                "a swapped appearance must be listed: " + signature.changesAfter());
    }

    /** A script added to run when the document opens, with every page left as signed, is a forbidden change. */
    @Test
    void anOpenActionScriptAddedAfterSigningIsModifiedAfterSigning() throws Exception {
        byte[] signed = signed(TestPki.PERSONAL_AN, true);
        byte[] attacked;
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(signed)) {
            var catalog = document.getDocumentCatalog();
            catalog.setOpenAction(new org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript(
                    "app.alert('Văn bản đã được phê duyệt');"));
            catalog.getCOSObject().setNeedToBeUpdated(true);
            var out = new java.io.ByteArrayOutputStream();
            document.saveIncremental(out);
            attacked = out.toByteArray();
        }
        SignatureReport signature = only(verifier().verify(attacked));
        assertEquals(SubIndication.MODIFIED_AFTER_SIGNING, signature.subIndication(), signature.changesAfter().toString());
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.DOCUMENT_ACTIONS_CHANGED
                && c.where().equals("/OpenAction") && !c.allowed()), signature.changesAfter().toString());
    }

    @Test
    void pageContentReplacedInALaterUpdateIsModifiedAfterSigning() throws Exception {
        byte[] pdf = TestPdfSigner.replacePageContent(signed(TestPki.PERSONAL_AN, true),
                "0 0 1 rg 100 100 200 200 re f");

        DocumentReport report = verifier().verify(pdf);

        SignatureReport signature = only(report);
        assertNotEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.MODIFIED_AFTER_SIGNING, signature.subIndication());
        assertTrue(signature.modifiedAfterSigning());
        assertTrue(signature.changesAfter().stream().anyMatch(c -> c.kind() == ChangeKind.PAGE_CONTENT_CHANGED
                && !c.allowed()), signature.changesAfter().toString());
    }

    @Test
    void overlappingByteRangeIsFormatFailure() throws Exception {
        byte[] pdf = signed(TestPki.PERSONAL_AN, true);
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("/ByteRange ?\\[(\\d+) (\\d+) (\\d+) (\\d+) *\\]").matcher(text);
        assertTrue(m.find());
        long length1 = Long.parseLong(m.group(2));
        long start2 = Long.parseLong(m.group(3));
        long length2 = Long.parseLong(m.group(4));
        // Second range starts 10 bytes inside the first: an overlap (same length of text, so offsets stay put).
        assertTrue(start2 > length1);
        String forged = "/ByteRange [0 " + length1 + " " + (length1 - 10) + " " + length2 + "]";
        String original = m.group();
        while (forged.length() < original.length()) {
            forged = forged.substring(0, forged.length() - 1) + " ]";
        }
        assertEquals(original.length(), forged.length());
        byte[] forgedPdf = (text.substring(0, m.start()) + forged + text.substring(m.end()))
                .getBytes(StandardCharsets.ISO_8859_1);

        DocumentReport report = verifier().verify(forgedPdf);

        assertEquals(SubIndication.FORMAT_FAILURE, only(report).subIndication(), ReportJson.toJson(report));
        assertNotEquals(Indication.TOTAL_PASSED, report.indication());
    }

    @Test
    void revokedSignerIsRevoked() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.REVOKED, true));
        assertEquals(Indication.TOTAL_FAILED, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.REVOKED, only(report).subIndication());
    }

    @Test
    void expiredSignerIsNotPassed() throws Exception {
        DocumentReport timestamped = verifier().verify(signed(TestPki.EXPIRED, true));
        assertEquals(Indication.TOTAL_FAILED, timestamped.indication(), ReportJson.toJson(timestamped));
        assertEquals(SubIndication.EXPIRED, only(timestamped).subIndication());

        DocumentReport untimestamped = verifier().verify(signed(TestPki.EXPIRED, false));
        assertEquals(Indication.INDETERMINATE, untimestamped.indication());
        assertEquals(SubIndication.OUT_OF_BOUNDS_NO_POE, only(untimestamped).subIndication());
    }

    @Test
    void wrongKeyUsageIsAConstraintFailure() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.WRONG_KEY_USAGE, true));
        assertEquals(SubIndication.SIG_CONSTRAINTS_FAILURE, only(report).subIndication(), ReportJson.toJson(report));
    }

    @Test
    void unknownRootIsNoCertificateChainFound() throws Exception {
        DocumentReport report = verifier().verify(signed(TestPki.UNKNOWN_ISSUER, true));
        assertEquals(Indication.INDETERMINATE, report.indication(), ReportJson.toJson(report));
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, only(report).subIndication());
    }

    @Test
    void untrustedRootIsNoChainEvenForAGoodSigner() throws Exception {
        DocumentReport report = PdfSignatureVerifier.builder(TrustStore.empty()).build()
                .verify(signed(TestPki.PERSONAL_AN, false));
        assertEquals(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, only(report).subIndication());
    }

    @Test
    void revocationUnavailableAndNothingEmbeddedIsTryLater() throws Exception {
        byte[] pdf = signed(TestPki.PERSONAL_AN, true);
        PKI.services().setAvailable(Service.OCSP, false);
        PKI.services().setAvailable(Service.CRL, false);
        try {
            DocumentReport report = verifier().verify(pdf);
            assertEquals(Indication.INDETERMINATE, report.indication(), ReportJson.toJson(report));
            assertEquals(SubIndication.TRY_LATER, only(report).subIndication());
        } finally {
            PKI.services().setAvailable(Service.OCSP, true);
            PKI.services().setAvailable(Service.CRL, true);
        }
    }

    @Test
    void offlineModeWithoutEmbeddedEvidenceIsTryLater() throws Exception {
        TrustStore trust = TrustStore.empty();
        trust.add(PKI.pki().root());
        DocumentReport report = PdfSignatureVerifier.builder(trust).online(false).build()
                .verify(signed(TestPki.PERSONAL_AN, true));
        assertEquals(SubIndication.TRY_LATER, only(report).subIndication(), ReportJson.toJson(report));
    }

    @Test
    void unsignedDocumentIsReportedNotThrown() throws Exception {
        DocumentReport report = verifier().verify(TestPdfSigner.blankPdf("no signature"));
        assertEquals(VerifyError.NO_SIGNATURE, report.error());
        assertNotEquals(Indication.TOTAL_PASSED, report.indication());
    }

    static int indexOf(byte[] data, String needle) {
        int at = new String(data, StandardCharsets.ISO_8859_1).indexOf(needle);
        assertTrue(at > 0, "not found: " + needle);
        return at;
    }
}
