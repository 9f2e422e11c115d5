package vn.kyso.verify;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The validation data one CMS signer carries itself, wherever the signing tool put it: the SignedData's
 * certificates and revocation choices (CRLs, RFC 5940 OCSP responses), Adobe's adbe-revocationInfoArchival signed
 * attribute (what Acrobat and many Vietnamese signers write instead of a /DSS), the CAdES certificate-values and
 * revocation-values unsigned attributes (EN 319 122-1 §5.5), and the certificates and CRLs inside its signature
 * time-stamp tokens. Unreadable parts are skipped, as in {@link EmbeddedEvidence}.
 */
final class CmsEvidence {

    /** 1.2.840.113583.1.1.8: RevocationInfoArchival ::= SEQUENCE { crl [0], ocsp [1], otherRevInfo [2] }. */
    static final ASN1ObjectIdentifier ADBE_REVOCATION_INFO_ARCHIVAL = new ASN1ObjectIdentifier("1.2.840.113583.1.1.8");
    /** id-aa-ets-certValues and id-aa-ets-revocationValues (RFC 5126 §6.3.3, §6.3.4). */
    static final ASN1ObjectIdentifier CERTIFICATE_VALUES = PKCSObjectIdentifiers.id_aa_ets_certValues;
    static final ASN1ObjectIdentifier REVOCATION_VALUES = PKCSObjectIdentifiers.id_aa_ets_revocationValues;
    /** id-ri-ocsp-response (RFC 5940): an OCSP response among the SignedData's revocation choices. */
    private static final ASN1ObjectIdentifier RI_OCSP_RESPONSE = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.16.2");

    private CmsEvidence() {
    }

    static EmbeddedEvidence of(CMSSignedData cms, SignerInformation signer) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        addSignedDataContents(cms, certificates, ocsps, crls);
        AttributeTable signed = signer.getSignedAttributes();
        Attribute archival = signed == null ? null : signed.get(ADBE_REVOCATION_INFO_ARCHIVAL);
        if (archival != null) {
            addArchival(archival, ocsps, crls);
        }
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned != null) {
            addCertificateValues(unsigned.get(CERTIFICATE_VALUES), certificates);
            addRevocationValues(unsigned.get(REVOCATION_VALUES), ocsps, crls);
            for (TimeStampToken token : signatureTimestamps(signer)) {
                addSignedDataContents(token.toCMSSignedData(), certificates, ocsps, crls);
            }
        }
        return new EmbeddedEvidence(certificates, ocsps, crls);
    }

    /** What a SignedData (a time-stamp token's) carries in its own certificates and revocation choices. */
    static EmbeddedEvidence ofSignedData(CMSSignedData cms) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<byte[]> ocsps = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        addSignedDataContents(cms, certificates, ocsps, crls);
        return new EmbeddedEvidence(certificates, ocsps, crls);
    }

    /**
     * The tokens of each signer, parsed once: the evidence, the time-stamp and the format-level rules all read them.
     * Keyed by the signer object (identity) and dropped with it.
     */
    private static final Map<SignerInformation, Tokens> TOKENS =
            java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param readable    the readable tokens, in the order of the attributes and their values
     * @param firstOfFirst the first value of the first attribute, null when it does not parse
     */
    private record Tokens(List<TimeStampToken> readable, TimeStampToken firstOfFirst) {
    }

    /** The readable signature time-stamp tokens (unsigned id-aa-signatureTimeStampToken attributes). */
    static List<TimeStampToken> signatureTimestamps(SignerInformation signer) {
        return tokens(signer).readable();
    }

    /**
     * The token of the first attribute's first value — the signature time-stamp the time-stamp rule judges — null
     * when it does not parse (or there is none: the rule looks at the attribute first).
     */
    static TimeStampToken firstSignatureTimestamp(SignerInformation signer) {
        return tokens(signer).firstOfFirst();
    }

    private static Tokens tokens(SignerInformation signer) {
        Tokens known = TOKENS.get(signer);
        if (known == null) {
            known = parseSignatureTimestamps(signer);
            TOKENS.put(signer, known);
        }
        return known;
    }

    private static Tokens parseSignatureTimestamps(SignerInformation signer) {
        List<TimeStampToken> tokens = new ArrayList<>();
        TimeStampToken firstOfFirst = null;
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned == null) {
            return new Tokens(List.of(), null);
        }
        var all = unsigned.getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        for (int i = 0; i < all.size(); i++) {
            Attribute attribute = Attribute.getInstance(all.get(i));
            boolean first = i == 0;
            for (ASN1Encodable value : attribute.getAttrValues()) {
                try {
                    TimeStampToken token = new TimeStampToken(new CMSSignedData(ContentInfo.getInstance(value)));
                    tokens.add(token);
                    if (first) {
                        firstOfFirst = token;
                    }
                } catch (Exception e) {
                    // an unreadable token carries nothing usable
                }
                first = false;
            }
        }
        return new Tokens(List.copyOf(tokens), firstOfFirst);
    }

    private static void addSignedDataContents(CMSSignedData cms, List<X509Certificate> certificates,
                                              List<byte[]> ocsps, List<X509CRL> crls) {
        try {
            for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
                X509Certificate certificate = Certificates.convert(holder);
                if (certificate != null) {
                    certificates.add(certificate);
                }
            }
            List<byte[]> crlDers = new ArrayList<>();
            for (X509CRLHolder holder : cms.getCRLs().getMatches(null)) {
                crlDers.add(holder.getEncoded());
            }
            crls.addAll(EmbeddedEvidence.parseCrls(crlDers));
            for (ASN1ObjectIdentifier format : List.of(RI_OCSP_RESPONSE, OCSPObjectIdentifiers.id_pkix_ocsp_basic)) {
                for (Object info : cms.getOtherRevocationInfo(format).getMatches(null)) {
                    byte[] der = ((ASN1Encodable) info).toASN1Primitive().getEncoded("DER");
                    ocsps.add(format.equals(RI_OCSP_RESPONSE) ? der : wrapBasic(der));
                }
            }
        } catch (Exception e) {
            // skipped: see class comment
        }
    }

    private static void addArchival(Attribute attribute, List<byte[]> ocsps, List<X509CRL> crls) {
        try {
            List<byte[]> crlDers = new ArrayList<>();
            for (ASN1Encodable element : ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0))) {
                ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(element);
                ASN1Sequence values = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                for (ASN1Encodable value : values) {
                    byte[] der = value.toASN1Primitive().getEncoded("DER");
                    if (tagged.getTagNo() == 0) {
                        crlDers.add(der);
                    } else if (tagged.getTagNo() == 1) {
                        ocsps.add(der);
                    }
                }
            }
            crls.addAll(EmbeddedEvidence.parseCrls(crlDers));
        } catch (Exception e) {
            // skipped: see class comment
        }
    }

    private static void addCertificateValues(Attribute attribute, List<X509Certificate> certificates) {
        if (attribute == null) {
            return;
        }
        try {
            for (ASN1Encodable value : ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0))) {
                X509Certificate certificate = Certificates.parse(value.toASN1Primitive().getEncoded("DER"));
                if (certificate != null) {
                    certificates.add(certificate);
                }
            }
        } catch (Exception e) {
            // skipped: see class comment
        }
    }

    /** RevocationValues ::= SEQUENCE { crlVals [0] SEQUENCE OF CertificateList, ocspVals [1] SEQUENCE OF BasicOCSPResponse, … }. */
    private static void addRevocationValues(Attribute attribute, List<byte[]> ocsps, List<X509CRL> crls) {
        if (attribute == null) {
            return;
        }
        try {
            List<byte[]> crlDers = new ArrayList<>();
            for (ASN1Encodable element : ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0))) {
                ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(element);
                for (ASN1Encodable value : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    byte[] der = value.toASN1Primitive().getEncoded("DER");
                    if (tagged.getTagNo() == 0) {
                        crlDers.add(der);
                    } else if (tagged.getTagNo() == 1) {
                        ocsps.add(wrapBasic(der));
                    }
                }
            }
            crls.addAll(EmbeddedEvidence.parseCrls(crlDers));
        } catch (Exception e) {
            // skipped: see class comment
        }
    }

    /** A BasicOCSPResponse as the successful OCSPResponse that would have carried it. */
    private static byte[] wrapBasic(byte[] basic) throws java.io.IOException {
        return new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                new ResponseBytes(OCSPObjectIdentifiers.id_pkix_ocsp_basic, new DEROctetString(basic)))
                .getEncoded("DER");
    }
}
