package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.junit.jupiter.api.Test;

import vn.kyso.cms.CmsSignatureBuilder;
import vn.kyso.cms.CmsSignatureMatch;
import vn.kyso.cms.ExternalCmsSignature;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TrustStore;
import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestPki;
import vn.kyso.token.DigestAlgorithm;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.PdfSignatureVerifier;
import vn.kyso.verify.ReportJson;
import vn.kyso.verify.SignatureLevel;

/**
 * Signatures made together (a batch): their B-LT evidence collected once, after the last time-stamp, and each
 * document then valid at B-LT for our verifier, EU DSS and pdfsig; and the read-back check of a fresh signature,
 * which must find nothing wrong in a good one and catch every kind of corruption.
 */
class BatchEvidenceTest {

    private final RemotePadesSigner remote = new RemotePadesSigner(PadesFixture.services());
    private final TokenSignerPort an = PadesFixture.signer(TestPki.PERSONAL_AN);

    private static PadesOptions options() {
        return PadesOptions.defaults().withLevel(PadesLevel.B_LT).withPolicy(LevelPolicy.STRICT);
    }

    private RemotePadesSigner.Stamped stamped(byte[] pdf) {
        PreparedSignature prepared = remote.prepare(pdf, options(), an.chain());
        return remote.stampWithSignatureValue(prepared,
                an.sign(prepared.signedAttributesDigest(), prepared.algorithm()), null);
    }

    @Test
    void evidenceIsCollectedOnceAfterTheLastTimeStampAndEveryDocumentIsLongTermValid() throws Exception {
        List<RemotePadesSigner.Stamped> stamped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stamped.add(stamped(PadesFixture.samplePdf()));
        }
        BatchEvidence evidence = remote.evidenceFor(stamped);
        assertEquals(1, evidence.collections(), "one signer and one TSA: one collection for the three");

        List<SignatureReadBack.Facts> facts = new ArrayList<>();
        List<byte[]> documents = new ArrayList<>();
        for (RemotePadesSigner.Stamped one : stamped) {
            SignResult result = remote.raise(one, evidence);
            assertEquals(PadesLevel.B_LT, result.level(), result.warnings().toString());
            documents.add(result.document());
            SignatureReadBack.Facts read = SignatureReadBack.read(result.document(), null, an.chain().get(0),
                    DigestAlgorithm.SHA256);
            assertNull(read.problem());
            facts.add(read);
            // the shared OCSP answers were produced after this document's own time-stamp
            for (Instant produced : ocspProducedAt(result.document())) {
                assertFalse(produced.isBefore(read.timeStamped().minusMillis(999)),
                        produced + " is before the time-stamp " + read.timeStamped());
            }
            DocumentReport report = verify(result.document());
            assertEquals(Indication.TOTAL_PASSED, report.indication(), ReportJson.toJson(report));
            assertEquals(SignatureLevel.PADES_B_LT, report.signatures().get(0).level());
        }
        assertTrue(facts.get(0).evidence().stream().anyMatch(e -> e.startsWith("OCSP:")), facts.get(0).evidence()
                .toString());
        assertTrue(facts.get(1).sameShapeAs(facts.get(0)) && facts.get(2).sameShapeAs(facts.get(0)),
                "the same evidence in every document");
        // the document stamped first is the furthest from the shared evidence: the independent validators agree
        PadesFixture.assertDss(documents.get(0), eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
        PadesFixture.assertPdfsigValid(documents.get(0), 1, 0);
    }

    @Test
    void aLaterDocumentsDssEntryComparedAsWrittenStandsOnlyWhenItDecodesToTheSameEvidence() throws Exception {
        List<RemotePadesSigner.Stamped> stamped = List.of(stamped(PadesFixture.samplePdf()),
                stamped(PadesFixture.samplePdf()));
        BatchEvidence evidence = remote.evidenceFor(stamped);
        byte[] first = remote.raise(stamped.get(0), evidence).document();
        byte[] second = remote.raise(stamped.get(1), evidence).document();
        SignatureReadBack.Facts known = SignatureReadBack.read(first, null, an.chain().get(0), DigestAlgorithm.SHA256);
        assertNull(known.problem());
        assertNotNull(known.encoded(), "an unencrypted /DSS written by us is compared as written");

        SignatureReadBack.Facts compared = SignatureReadBack.read(second, null, an.chain().get(0),
                DigestAlgorithm.SHA256, known);
        SignatureReadBack.Facts decoded = SignatureReadBack.read(second, null, an.chain().get(0),
                DigestAlgorithm.SHA256);
        assertEquals(known.encoded(), compared.encoded(), "the same streams as written: nothing decoded");
        assertTrue(compared.sameShapeAs(known));
        assertEquals(decoded.evidence(), compared.evidence(), "the comparison as written agrees with decoding");

        // one byte of an OCSP answer as written (deflated) changed in the later document: never taken as the same
        byte[] raw = rawOfFirst(second, "OCSPs");
        int at = indexOf(second, raw, 0) + raw.length / 2;
        byte[] changed = second.clone();
        changed[at] ^= 0x10;
        SignatureReadBack.Facts read = SignatureReadBack.read(changed, null, an.chain().get(0),
                DigestAlgorithm.SHA256, known);
        assertFalse(read.sameShapeAs(known), "a changed /DSS stream was taken for the first document's");
    }

    /** The bytes as written (before decoding) of the first stream in /DSS /{@code kind}. */
    private static byte[] rawOfFirst(byte[] pdf, String kind) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            COSStream stream = (COSStream) dss.getCOSArray(COSName.getPDFName(kind)).getObject(0);
            try (InputStream in = stream.createRawInputStream()) {
                return in.readAllBytes();
            }
        }
    }

    @Test
    void readBackFindsNothingWrongInAFreshSignature() throws Exception {
        byte[] signed = signed();
        SignatureReadBack.Facts facts = SignatureReadBack.read(signed, null, an.chain().get(0),
                DigestAlgorithm.SHA256);
        assertNull(facts.problem());
        assertEquals(1, facts.signatures());
        assertNotNull(facts.tsaCertificate());
        assertEquals(1, facts.revisionsAfter(), "the /DSS revision");
        assertTrue(facts.evidence().stream().anyMatch(e -> e.startsWith("Cert:")));
    }

    @Test
    void readBackCatchesAChangedByteInTheSignedRange() throws Exception {
        byte[] signed = signed();
        int at = indexOf(signed, "\n", 0) + 2;
        signed[at] ^= 1; // in the binary comment under the header: still a PDF, no longer what was signed
        assertProblem(signed, "digest");
    }

    @Test
    void readBackCatchesACorruptedSignatureValue() throws Exception {
        byte[] signed = signed();
        CMSSignedData cms = new CMSSignedData(contentsOf(signed));
        byte[] value = cms.getSignerInfos().getSigners().iterator().next().getSignature();
        String hex = HexFormat.of().withUpperCase().formatHex(value);
        int at = indexOf(signed, hex.substring(0, 64), 0) + 40;
        signed[at] = (byte) (signed[at] == '0' ? '1' : '0');
        assertProblem(signed, "signature");
    }

    @Test
    void readBackCatchesATimeStampForAnotherSignatureValue() throws Exception {
        PreparedSignature prepared = remote.prepare(PadesFixture.samplePdf(), options(), an.chain());
        SignatureGap gap = new SignatureGap(prepared.byteRange(), prepared.contentDigest());
        CMSSignedData cms = ExternalCmsSignature.assemble(an.chain(), prepared.algorithm(), gap.digest(), null,
                an.sign(prepared.signedAttributesDigest(), prepared.algorithm()));
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        TimeStamp foreign = PadesFixture.services().timeStamps().timestamp(DigestAlgorithm.SHA256, other);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(ASN1Primitive.fromByteArray(foreign.encoded())));
        CMSSignedData stampedWrongly = CMSSignedData.replaceSigners(cms, new SignerInformationStore(
                SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attribute))));
        PdfOutput.Memory out = PdfOutput.memory(prepared.document());
        gap.fill(out, CmsSignatureBuilder.encode(stampedWrongly));
        assertProblem(out.bytes(), "another signature value");
    }

    @Test
    void readBackCatchesASignatureByAnotherCertificate() throws Exception {
        SignatureReadBack.Facts facts = SignatureReadBack.read(signed(), null,
                PadesFixture.signer(TestPki.PERSONAL_BINH).chain().get(0), DigestAlgorithm.SHA256);
        assertNotNull(facts.problem());
    }

    private byte[] signed() throws Exception {
        RemotePadesSigner.Stamped one = stamped(PadesFixture.samplePdf());
        return remote.raise(one, remote.evidenceFor(List.of(one))).document();
    }

    private void assertProblem(byte[] document, String expected) {
        SignatureReadBack.Facts facts = SignatureReadBack.read(document, null, an.chain().get(0),
                DigestAlgorithm.SHA256);
        assertNotNull(facts.problem(), "the corruption went unnoticed");
        assertTrue(facts.problem().contains(expected), facts.problem());
        // and the full verifier, which a batch falls back to on any problem, refuses it too
        assertTrue(verify(document).indication() != Indication.TOTAL_PASSED);
    }

    private static DocumentReport verify(byte[] pdf) {
        TrustStore trust = TrustStore.empty();
        trust.add(PadesFixture.ENV.pki().root());
        return PdfSignatureVerifier.builder(trust).build().verify(pdf);
    }

    private static byte[] contentsOf(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return CmsSignatureMatch.parse(document.getSignatureDictionaries().get(0).getContents()).getEncoded();
        }
    }

    private static List<Instant> ocspProducedAt(byte[] pdf) throws Exception {
        List<Instant> out = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            COSArray ocsps = dss.getCOSArray(COSName.getPDFName("OCSPs"));
            for (int i = 0; i < ocsps.size(); i++) {
                try (InputStream in = ((COSStream) ocsps.getObject(i)).createInputStream()) {
                    BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(in.readAllBytes()).getResponseObject();
                    out.add(basic.getProducedAt().toInstant());
                }
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }

    private static int indexOf(byte[] data, String text, int from) {
        return indexOf(data, text.getBytes(StandardCharsets.US_ASCII), from);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(new String(needle, StandardCharsets.ISO_8859_1) + " not found");
    }
}
