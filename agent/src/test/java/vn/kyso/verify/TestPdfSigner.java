package vn.kyso.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.kyso.pki.HttpFetcher;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.testpki.PkiIdentity;
import vn.kyso.token.DigestAlgorithm;

/**
 * Test-only PAdES signer on PDFBox's external-signing API and a BouncyCastle CMS generator, with the software keys
 * of the test PKI. Independent of the product's signing engine on purpose, and able to make broken signatures.
 */
final class TestPdfSigner {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /**
     * How to sign. {@code tsaUrl} null = no signature timestamp (B-B); {@code claimedTime} null = now;
     * {@code archivedRevocation} non-null = the Adobe style: /SubFilter adbe.pkcs7.detached, no ESS
     * signing-certificate nor signing-time attribute, and these OCSP responses and CRLs in an
     * adbe-revocationInfoArchival signed attribute; {@code direct} = an adbe.pkcs7.detached CMS with no signed
     * attributes at all (the signature value is over the document bytes themselves, as old tools did).
     */
    record Options(String algorithm, String tsaUrl, Instant claimedTime, Archival archivedRevocation, boolean direct) {
        static Options of(PkiIdentity identity, String tsaUrl) {
            String algorithm = "EC".equals(identity.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new Options(algorithm, tsaUrl, null, null, false);
        }

        Options withAlgorithm(String value) {
            return new Options(value, tsaUrl, claimedTime, archivedRevocation, direct);
        }

        Options withClaimedTime(Instant value) {
            return new Options(algorithm, tsaUrl, value, archivedRevocation, direct);
        }

        Options adobeStyle(Archival archival) {
            return new Options(algorithm, tsaUrl, claimedTime, archival, direct);
        }

        Options withoutSignedAttributes() {
            return new Options(algorithm, tsaUrl, claimedTime, archivedRevocation, true);
        }

        String subFilter() {
            return archivedRevocation == null && !direct ? "ETSI.CAdES.detached" : "adbe.pkcs7.detached";
        }
    }

    /** DER OCSP responses (OCSPResponse) and CRLs for an adbe-revocationInfoArchival attribute. */
    record Archival(java.util.List<byte[]> ocspResponses, java.util.List<byte[]> crls) {
        Attribute attribute() throws IOException {
            ASN1EncodableVector choices = new ASN1EncodableVector();
            if (!crls.isEmpty()) {
                choices.add(new org.bouncycastle.asn1.DERTaggedObject(true, 0, sequence(crls)));
            }
            if (!ocspResponses.isEmpty()) {
                choices.add(new org.bouncycastle.asn1.DERTaggedObject(true, 1, sequence(ocspResponses)));
            }
            return new Attribute(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.840.113583.1.1.8"),
                    new DERSet(new org.bouncycastle.asn1.DERSequence(choices)));
        }

        private static org.bouncycastle.asn1.DERSequence sequence(java.util.List<byte[]> ders) throws IOException {
            ASN1EncodableVector items = new ASN1EncodableVector();
            for (byte[] der : ders) {
                items.add(ASN1Primitive.fromByteArray(der));
            }
            return new org.bouncycastle.asn1.DERSequence(items);
        }
    }

    private TestPdfSigner() {
    }

    /** A one-page PDF with an uncompressed content stream (so tests can find and alter its text). */
    static byte[] blankPdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page,
                    PDPageContentStream.AppendMode.OVERWRITE, false)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] sign(byte[] pdf, PkiIdentity identity, Options options) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf); SignatureOptions signatureOptions = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName(options.subFilter()));
            signature.setName(identity.alias());
            Calendar claimed = Calendar.getInstance();
            if (options.claimedTime() != null) {
                claimed.setTime(Date.from(options.claimedTime()));
            }
            signature.setSignDate(claimed);
            signatureOptions.setPreferredSignatureSize(32 * 1024);
            document.addSignature(signature, signatureOptions);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            external.setSignature(cms(external.getContent().readAllBytes(), identity, options));
            return out.toByteArray();
        }
    }

    static byte[] cms(byte[] content, PkiIdentity identity, Options options) throws Exception {
        X509Certificate certificate = identity.certificate();
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        if (options.archivedRevocation() != null) {
            attributes.add(options.archivedRevocation().attribute());
        } else {
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                    X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
                    certificate.getSerialNumber());
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, new DERSet(
                    new SigningCertificateV2(new ESSCertIDv2(sha256(certificate.getEncoded()), issuerSerial)))));
            Instant claimed = options.claimedTime() != null ? options.claimedTime() : Instant.now();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(claimed)))));
        }
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().build())
                .setDirectSignature(options.direct())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                .build(new JcaContentSignerBuilder(options.algorithm()).setProvider(BC).build(identity.privateKey()),
                        certificate));
        generator.addCertificates(new JcaCertStore(identity.chain()));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), false);
        if (options.tsaUrl() != null) {
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            TimeStamp timestamp = new TimeStampClient(HttpFetcher.withDefaults(), URI.create(options.tsaUrl()))
                    .timestamp(DigestAlgorithm.SHA256, sha256(signer.getSignature()));
            AttributeTable unsigned = new AttributeTable(new Attribute(
                    PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(timestamp.encoded()))));
            signer = SignerInformation.replaceUnsignedAttributes(signer, unsigned);
            signed = CMSSignedData.replaceSigners(signed, new SignerInformationStore(signer));
        }
        return signed.getEncoded("DER");
    }

    /** An incremental update that replaces page 1's content stream: the classic "modified after signing". */
    static byte[] replacePageContent(byte[] signedPdf, String newContent) throws IOException {
        try (PDDocument document = Loader.loadPDF(signedPdf)) {
            PDPage page = document.getPage(0);
            PDStream stream = new PDStream(document);
            try (var out = stream.createOutputStream()) {
                out.write(newContent.getBytes(StandardCharsets.ISO_8859_1));
            }
            page.setContents(stream);
            page.getCOSObject().setNeedToBeUpdated(true);
            stream.getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.saveIncremental(out);
            return out.toByteArray();
        }
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
