package vn.kyso.cms;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.token.DigestAlgorithm;

/**
 * The CAdES signature-time-stamp (id-aa-signatureTimeStampToken, RFC 3161 appendix A): an unsigned attribute whose
 * token time-stamps the SignerInfo's signature value, proving the signature existed at that time (level B-T).
 */
public final class SignatureTimeStamps {

    private SignatureTimeStamps() {
    }

    /** The signed data with a signature-time-stamp on its (single) signer; {@code stamp} is what the TSA returned. */
    public record Stamped(CMSSignedData signedData, TimeStamp stamp) {
    }

    /** Asks the TSA to time-stamp SHA-256 of the signer's signature value and attaches the token. */
    public static Stamped timeStamp(CMSSignedData signedData, TimeStampClient tsa) {
        SignerInformation signer = onlySigner(signedData);
        byte[] digest = digest(DigestAlgorithm.SHA256, signer.getSignature());
        TimeStamp stamp = tsa.timestamp(DigestAlgorithm.SHA256, digest);
        return new Stamped(attach(signedData, stamp.token()), stamp);
    }

    static CMSSignedData attach(CMSSignedData signedData, TimeStampToken token) {
        SignerInformation signer = onlySigner(signedData);
        AttributeTable unsigned = signer.getUnsignedAttributes();
        Attribute attribute;
        try {
            attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token.getEncoded())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AttributeTable updated = unsigned == null ? new AttributeTable(attribute) : unsigned.add(
                attribute.getAttrType(), attribute.getAttrValues().getObjectAt(0));
        SignerInformation replaced = SignerInformation.replaceUnsignedAttributes(signer, updated);
        return CMSSignedData.replaceSigners(signedData, new SignerInformationStore(List.of(replaced)));
    }

    private static SignerInformation onlySigner(CMSSignedData signedData) {
        var signers = signedData.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new IllegalArgumentException("expected one SignerInfo, found " + signers.size());
        }
        return signers.iterator().next();
    }

    static byte[] digest(DigestAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
