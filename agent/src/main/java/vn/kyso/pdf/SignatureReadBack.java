package vn.kyso.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.cms.CmsSignatureMatch;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStampSigners;
import vn.kyso.token.DigestAlgorithm;

/**
 * Reads a signature just written back from the document's bytes and checks what can be checked without the network
 * or a trust decision: the newest signature's byte range is "the whole revision but its /Contents", the CMS in
 * /Contents is by the expected certificate, its message digest is the digest of those ranges and its signature value
 * verifies with the certificate's key; its signature time-stamp (if any) is for that signature value and is signed by
 * the certificate it carries, valid at its time; and the /DSS entry of this signature lists the evidence returned
 * here. The trust decisions — is the chain trusted, are the OCSP/CRL answers good — are the full verifier's: a caller
 * that already had one signature of the same signer, TSA and evidence fully verified compares these facts with that
 * one's instead of judging the chain again.
 */
public final class SignatureReadBack {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private SignatureReadBack() {
    }

    /**
     * What was read back. {@code problem} is null when every check passed; otherwise it says which failed and the
     * other facts may be missing.
     *
     * @param signatures     signature dictionaries in the document, document time-stamps included
     * @param tsaCertificate DER of the certificate that signed the signature time-stamp; null without one
     * @param timeStamped    the time the signature time-stamp asserts; null without one
     * @param evidence       SHA-256 (hex) of every certificate, OCSP response and CRL this signature's VRI lists
     * @param revisionsAfter revisions appended after the signature's own (the /DSS, a document time-stamp …)
     * @param encoded        the same items as written — each stream's filters and the SHA-256 of its bytes before
     *                       decoding — when the document is not encrypted, else null
     */
    public record Facts(String problem, int signatures, byte[] tsaCertificate, Instant timeStamped,
                        Set<String> evidence, int revisionsAfter, Set<String> encoded) {

        /** Same signer-independent shape: TSA certificate, evidence, revisions after (the problem aside). */
        public boolean sameShapeAs(Facts other) {
            return problem == null && other.problem == null && signatures == other.signatures
                    && Arrays.equals(tsaCertificate, other.tsaCertificate) && evidence.equals(other.evidence)
                    && revisionsAfter == other.revisionsAfter;
        }

        static Facts failed(String problem) {
            return new Facts(problem, 0, null, null, Set.of(), 0, null);
        }
    }

    /**
     * @param signer the certificate the newest signature must be made with
     * @param digest the digest algorithm it must use for the document's bytes
     */
    public static Facts read(byte[] document, String password, X509Certificate signer, DigestAlgorithm digest) {
        return read(document, password, signer, digest, null);
    }

    /**
     * {@link #read}, its /DSS entry compared with {@code known}'s as written first: when every stream the VRI entry
     * lists is, undecoded, what {@code known} read — the same filters over the same bytes, which decode to the same
     * items — {@code known}'s digests of the decoded items stand for this document's, and no stream is inflated.
     * Anything else (another stream, another filter, one byte changed, an encrypted document) is decoded and hashed
     * as {@link #read} does.
     *
     * @param known what an earlier {@link #read} of a document made the same way found, or null
     */
    public static Facts read(byte[] document, String password, X509Certificate signer, DigestAlgorithm digest,
                             Facts known) {
        try (PDDocument pdf = PdfDocuments.load(document, password)) {
            PDSignature newest = null;
            int signatures = 0;
            for (PDSignature signature : pdf.getSignatureDictionaries()) {
                signatures++;
                int[] range = signature.getByteRange();
                if (range.length == 4 && (newest == null || range[2] > newest.getByteRange()[2])) {
                    newest = signature;
                }
            }
            if (newest == null) {
                return Facts.failed("no signature in the document");
            }
            int[] range = newest.getByteRange();
            String shape = byteRangeProblem(document, range);
            if (shape != null) {
                return Facts.failed(shape);
            }
            byte[] contents = newest.getContents();
            if (!Arrays.equals(contents, gap(document, range))) {
                return Facts.failed("/Contents is not the gap the byte range leaves out");
            }
            CMSSignedData cms = CmsSignatureMatch.parse(contents);
            CmsSignatureMatch.require(cms, digest, rangeDigest(document, range, digest), signer);
            SignerInformation signerInfo = cms.getSignerInfos().getSigners().iterator().next();
            TimeStampToken token = signatureTimeStamp(signerInfo);
            X509Certificate tsa = null;
            Instant time = null;
            if (token != null) {
                tsa = checkedTimeStamp(token, signerInfo.getSignature());
                time = token.getTimeStampInfo().getGenTime().toInstant();
                signer.checkValidity(Date.from(time));
            }
            List<VriItem> items = vriItems(pdf, contents);
            Set<String> encoded = pdf.isEncrypted() ? null : encoded(items);
            Set<String> evidence = known != null && known.encoded() != null && known.encoded().equals(encoded)
                    ? known.evidence() : decoded(items);
            return new Facts(null, signatures, tsa == null ? null : tsa.getEncoded(), time, evidence,
                    countFrom(document, range[2] + range[3]), encoded);
        } catch (KysoException e) {
            return Facts.failed(e.messageEn());
        } catch (IOException | CertificateException | RuntimeException e) {
            return Facts.failed(String.valueOf(e.getMessage()));
        }
    }

    /** Null when the range is [0, a, b, c] around a string and ends where a revision ends (hex: see gap). */
    private static String byteRangeProblem(byte[] document, int[] r) {
        long end = (long) r[2] + r[3];
        if (r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || r[3] < 0 || end > document.length
                || document[r[1]] != '<' || document[r[2] - 1] != '>') {
            return "the byte range " + Arrays.toString(r) + " does not fit the document";
        }
        int last = (int) end;
        while (last > 0 && (document[last - 1] == '\n' || document[last - 1] == '\r')) {
            last--;
        }
        if (last < EOF.length || !Arrays.equals(document, last - EOF.length, last, EOF, 0, EOF.length)) {
            return "the byte range does not end where a revision ends";
        }
        return null;
    }

    /** The bytes between the byte ranges, decoded; IllegalArgumentException when they are not all hex digits. */
    private static byte[] gap(byte[] document, int[] r) {
        return Hex.decode(document, r[1] + 1, r[2] - 1 - (r[1] + 1));
    }

    private static byte[] rangeDigest(byte[] document, int[] r, DigestAlgorithm algorithm) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm.jcaName());
            digest.update(document, r[0], r[1]);
            digest.update(document, r[2], r[3]);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TimeStampToken signatureTimeStamp(SignerInformation signer) throws IOException {
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute = unsigned == null ? null
                : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return null;
        }
        try {
            return new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        } catch (Exception e) {
            throw new IOException("unreadable signature time-stamp: " + e.getMessage(), e);
        }
    }

    /**
     * The token's imprint is the digest of {@code signatureValue}, and its signature verifies with the certificate it
     * carries for its signer (ESSCertID bound, valid at the token's time).
     *
     * @return that certificate
     */
    private static X509Certificate checkedTimeStamp(TimeStampToken token, byte[] signatureValue) throws IOException {
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().build()
                    .get(token.getTimeStampInfo().getHashAlgorithm());
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(signatureValue);
            }
            if (!MessageDigest.isEqual(calculator.getDigest(), token.getTimeStampInfo().getMessageImprintDigest())) {
                throw new IOException("the signature time-stamp is for another signature value");
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> holders = token.getCertificates().getMatches(token.getSID());
            if (holders.isEmpty()) {
                throw new IOException("the signature time-stamp does not carry its TSA's certificate");
            }
            TimeStampSigners.Signer tsa = TimeStampSigners.of(holders.iterator().next());
            if (tsa.unfit() != null) {
                throw new IOException("the signature time-stamp's certificate may not sign time-stamps: " + tsa.unfit());
            }
            token.validate(tsa.verifier());
            return tsa.certificate();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the signature time-stamp does not verify: " + e.getMessage(), e);
        }
    }

    /** A stream the VRI entry lists, under its kind (Cert, OCSP, CRL). */
    private record VriItem(String kind, COSStream stream) {
    }

    /** Every stream the VRI entry of the signature with {@code contents} lists; empty without one. */
    private static List<VriItem> vriItems(PDDocument pdf, byte[] contents) {
        List<VriItem> out = new ArrayList<>();
        COSDictionary dss = pdf.getDocumentCatalog().getCOSObject().getCOSDictionary(DSS);
        COSDictionary vri = dss == null ? null : dss.getCOSDictionary(VRI);
        COSDictionary entry = vri == null ? null
                : vri.getCOSDictionary(COSName.getPDFName(DssWriter.vriKey(contents)));
        if (entry == null) {
            return out;
        }
        for (COSName kind : entry.keySet()) {
            if (entry.getDictionaryObject(kind) instanceof COSArray items) {
                for (int i = 0; i < items.size(); i++) {
                    if (items.getObject(i) instanceof COSStream stream) {
                        out.add(new VriItem(kind.getName(), stream));
                    }
                }
            }
        }
        return out;
    }

    /** "kind:SHA-256" of each item decoded. */
    private static Set<String> decoded(List<VriItem> items) throws IOException {
        Set<String> out = new TreeSet<>();
        for (VriItem item : items) {
            try (InputStream in = item.stream().createInputStream()) {
                out.add(item.kind() + ":" + HexFormat.of().formatHex(sha256(in.readAllBytes())));
            }
        }
        return out;
    }

    /**
     * "kind:filter:SHA-256" of each item as written: the bytes before decoding and the one filter they are decoded
     * by, so two equal entries decode to equal items. Null — nothing to compare by — when a stream has anything else
     * in its dictionary than /Length and a /Filter that names one filter (parameters, a filter chain, an external
     * file), which the writer of a /DSS never puts there.
     */
    private static Set<String> encoded(List<VriItem> items) throws IOException {
        Set<String> out = new TreeSet<>();
        for (VriItem item : items) {
            COSStream stream = item.stream();
            COSBase filter = stream.getItem(COSName.FILTER);
            boolean plain = filter == null ? stream.size() == 1 : filter instanceof COSName && stream.size() == 2;
            if (!plain || stream.getItem(COSName.LENGTH) == null) {
                return null;
            }
            try (InputStream in = stream.createRawInputStream()) {
                out.add(item.kind() + ":" + (filter == null ? "" : ((COSName) filter).getName()) + ":"
                        + HexFormat.of().formatHex(sha256(in.readAllBytes())));
            }
        }
        return out;
    }

    /** How many revisions end after {@code from}. */
    private static int countFrom(byte[] document, int from) {
        int count = 0;
        // only a '%' can start a marker: the five-byte comparison is made at those alone
        for (int i = from; i <= document.length - EOF.length; i++) {
            if (document[i] == '%' && Arrays.equals(document, i, i + EOF.length, EOF, 0, EOF.length)) {
                count++;
                i += EOF.length - 1;
            }
        }
        return count;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
