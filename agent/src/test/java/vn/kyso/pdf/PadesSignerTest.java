package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;

import vn.kyso.errors.KysoException;
import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.SignatureAlgorithm;

/** Signing workflows and refusals with real SoftHSM2 keys. */
class PadesSignerTest {

    private final PadesSigner signer = new PadesSigner(PadesFixture.services());

    @Test
    void anThenBinhThenTheOrganisationAllStayValid() throws Exception {
        byte[] document = PadesFixture.samplePdf();
        for (String alias : List.of(TestPki.PERSONAL_AN, TestPki.PERSONAL_BINH, TestPki.ORGANISATION)) {
            SignResult result = signer.sign(document, PadesFixture.signer(alias),
                    PadesOptions.defaults().withPolicy(LevelPolicy.STRICT));
            assertEquals(PadesLevel.B_LT, result.level());
            PadesFixture.assertPrefix(document, result.document());
            document = result.document();
        }
        PadesFixture.assertDss(document, SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LT,
                SignatureLevel.PAdES_BASELINE_LT);
        PadesFixture.assertPdfsigValid(document, 3, 0);
    }

    @Test
    void rsaPssSignatureIsValid() throws Exception {
        signWithAndValidate(TestPki.PERSONAL_BINH, SignatureAlgorithm.RSA_PSS_SHA256);
    }

    @Test
    void ecdsaSignatureIsValid() throws Exception {
        signWithAndValidate(TestPki.PERSONAL_CUONG, SignatureAlgorithm.ECDSA_SHA256);
    }

    private void signWithAndValidate(String alias, SignatureAlgorithm algorithm) throws Exception {
        byte[] original = PadesFixture.samplePdf();
        SignResult result = signer.sign(original, PadesFixture.signer(alias), PadesOptions.defaults()
                .withLevel(PadesLevel.B_T).withPolicy(LevelPolicy.STRICT).withAlgorithm(algorithm));
        assertEquals(PadesLevel.B_T, result.level());
        PadesFixture.assertDss(result.document(), SignatureLevel.PAdES_BASELINE_T);
        PadesFixture.assertPdfsigValid(result.document(), 1, 0);
    }

    @Test
    void visibleSignatureGetsItsWidgetAndAppearanceOnTheChosenPage() throws Exception {
        PDRectangle where = new PDRectangle(300, 100, 200, 60);
        SignatureAppearance box = new SignatureAppearance() {
            @Override
            public Optional<Placement> place(PDDocument document) {
                return Optional.of(new Placement(0, where, null));
            }

            @Override
            public void draw(PDDocument document, org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream
                    stream) throws IOException {
                try (PDPageContentStream content = new PDPageContentStream(document, stream)) {
                    content.setStrokingColor(0f, 0f, 1f);
                    content.addRect(1, 1, 198, 58);
                    content.stroke();
                }
            }
        };
        byte[] original = PadesFixture.samplePdf();
        SignResult result = signer.sign(original, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_B).withAppearance(box));
        try (PDDocument signed = Loader.loadPDF(result.document())) {
            PDSignatureField field = signed.getSignatureFields().get(0);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            assertEquals(where.getLowerLeftX(), widget.getRectangle().getLowerLeftX());
            assertEquals(where.getWidth(), widget.getRectangle().getWidth());
            assertNotNull(widget.getNormalAppearanceStream());
            assertTrue(signed.getPage(0).getAnnotations().stream()
                    .anyMatch(a -> a.getCOSObject() == widget.getCOSObject()), "widget not on page 1");
        }
        PadesFixture.assertDss(result.document(), SignatureLevel.PAdES_BASELINE_B);
        PadesFixture.assertPdfsigValid(result.document(), 1, 0);
    }

    @Test
    void signsIntoAnExistingEmptyFieldAndRefusesItTwice() throws Exception {
        byte[] original = PadesFixture.corpus("emptysig-dss-two-empty-fields.pdf");
        String name;
        try (PDDocument document = Loader.loadPDF(original)) {
            name = document.getSignatureFields().get(0).getFullyQualifiedName();
        }
        SignatureAppearance intoField = document -> Optional.of(new SignatureAppearance.Placement(0, null, name));
        SignResult result = signer.sign(original, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_B).withAppearance(intoField));
        PadesFixture.assertPrefix(original, result.document());
        try (PDDocument signed = Loader.loadPDF(result.document())) {
            assertNotNull(((PDSignatureField) signed.getDocumentCatalog().getAcroForm().getField(name)).getSignature());
            assertEquals(2, signed.getSignatureFields().size(), "a new field was added instead");
        }
        PadesFixture.assertPdfsigValid(result.document(), 1, 0);

        assertCode(PdfError.SIGNATURE_FIELD_ALREADY_SIGNED, () -> signer.sign(result.document(),
                PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults().withAppearance(intoField)));
        SignatureAppearance missing = document -> Optional.of(new SignatureAppearance.Placement(0, null, "Khong co"));
        assertCode(PdfError.SIGNATURE_FIELD_NOT_FOUND, () -> signer.sign(original,
                PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults().withAppearance(missing)));
    }

    @Test
    void certifiedNoChangesIsRefusedButChangesPermittedIsSigned() throws Exception {
        assertCode(PdfError.DOCUMENT_CERTIFIED_NO_CHANGES, () -> signer.sign(
                PadesFixture.corpus("certified-dss-no-change-permitted.pdf"), PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_B)));
        byte[] permitted = PadesFixture.corpus("certified-dss-changes-permitted.pdf");
        SignResult result = signer.sign(permitted, PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_B));
        PadesFixture.assertPrefix(permitted, result.document());
    }

    @Test
    void encryptedWithUserPasswordNeedsThePassword() throws Exception {
        assertCode(PdfError.PDF_PASSWORD_REQUIRED, () -> signer.sign(
                PadesFixture.corpus("enc-userpw-pdfbox-aes256.pdf"), PadesFixture.signer(TestPki.PERSONAL_AN),
                PadesOptions.defaults().withLevel(PadesLevel.B_B)));
    }

    @Test
    void garbageIsDamaged() {
        assertCode(PdfError.PDF_DAMAGED, () -> signer.sign("không phải PDF".getBytes(),
                PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults()));
    }

    @Test
    void tsaDownGivesBbWithAWarningOrFailsInStrictMode() throws Exception {
        PkiServices services = PadesFixture.ENV.services();
        services.setAvailable(PkiServices.Service.TSA, false);
        try {
            byte[] original = PadesFixture.samplePdf();
            SignResult result = signer.sign(original, PadesFixture.signer(TestPki.PERSONAL_AN),
                    PadesOptions.defaults());
            assertEquals(PadesLevel.B_B, result.level());
            assertEquals(List.of(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE.code()),
                    result.warnings().stream().map(SignWarning::code).toList());
            PadesFixture.assertDss(result.document(), SignatureLevel.PAdES_BASELINE_B);

            assertCode(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, () -> signer.sign(original,
                    PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults().withPolicy(LevelPolicy.STRICT)));
        } finally {
            services.setAvailable(PkiServices.Service.TSA, true);
        }
    }

    @Test
    void revocationDownGivesBtWithAWarningOrFailsInStrictMode() throws Exception {
        PkiServices services = PadesFixture.ENV.services();
        services.setAvailable(PkiServices.Service.OCSP, false);
        services.setAvailable(PkiServices.Service.CRL, false);
        try {
            // fresh clients: nothing cached from other tests
            PadesSigner fresh = new PadesSigner(PadesFixture.services());
            byte[] original = PadesFixture.samplePdf();
            SignResult result = fresh.sign(original, PadesFixture.signer(TestPki.PERSONAL_AN), PadesOptions.defaults());
            assertEquals(PadesLevel.B_T, result.level());
            assertEquals(List.of(PdfError.REVOCATION_DATA_UNAVAILABLE.code()),
                    result.warnings().stream().map(SignWarning::code).toList());

            assertCode(PdfError.REVOCATION_DATA_UNAVAILABLE, () -> new PadesSigner(PadesFixture.services()).sign(
                    original, PadesFixture.signer(TestPki.PERSONAL_AN),
                    PadesOptions.defaults().withPolicy(LevelPolicy.STRICT)));
        } finally {
            services.setAvailable(PkiServices.Service.OCSP, true);
            services.setAvailable(PkiServices.Service.CRL, true);
        }
    }

    private static void assertCode(PdfError expected, org.junit.jupiter.api.function.Executable action) {
        KysoException e = assertThrows(KysoException.class, action);
        assertEquals(expected.code(), e.code(), e.getMessage());
    }
}
