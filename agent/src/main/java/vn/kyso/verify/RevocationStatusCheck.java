package vn.kyso.verify;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;

/**
 * The signer's chain was not revoked at the best signing time. Adds the revocation values the signer archived in
 * the CMS (Adobe's adbe-revocationInfoArchival signed attribute) to the document's /DSS evidence.
 */
final class RevocationStatusCheck implements SignatureCheck {

    /** 1.2.840.113583.1.1.8: RevocationInfoArchival ::= SEQUENCE { crl [0], ocsp [1], otherRevInfo [2] }. */
    static final ASN1ObjectIdentifier ADBE_REVOCATION_INFO_ARCHIVAL = new ASN1ObjectIdentifier("1.2.840.113583.1.1.8");

    @Override
    public void check(SignatureContext context) {
        addArchivedRevocationValues(context);
        context.revocation = new RevocationCheck(context.settings).check(context.chain, context.evidence,
                context.bestSigningTime(), context.hasProofOfTime(), context.signingTime.claimed());
    }

    private static void addArchivedRevocationValues(SignatureContext context) {
        if (context.signer == null) {
            return; // not a CMS signature (JAdES): its rVals were added to the evidence already
        }
        var signed = context.signer.getSignedAttributes();
        Attribute attribute = signed == null ? null : signed.get(ADBE_REVOCATION_INFO_ARCHIVAL);
        if (attribute == null) {
            return;
        }
        List<byte[]> ocsps = new ArrayList<>();
        List<java.security.cert.X509CRL> crls = new ArrayList<>();
        try {
            for (ASN1Encodable element : ASN1Sequence.getInstance(attribute.getAttrValues().getObjectAt(0))) {
                ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(element);
                ASN1Sequence values = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                for (ASN1Encodable value : values) {
                    byte[] der = value.toASN1Primitive().getEncoded("DER");
                    if (tagged.getTagNo() == 0) {
                        crls.add((java.security.cert.X509CRL) java.security.cert.CertificateFactory
                                .getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der)));
                    } else if (tagged.getTagNo() == 1) {
                        ocsps.add(der);
                    }
                }
            }
        } catch (Exception e) {
            context.warnings.add("unreadable adbe-revocationInfoArchival attribute: " + e.getMessage());
        }
        context.evidence = context.evidence.plus(ocsps, crls);
    }
}
