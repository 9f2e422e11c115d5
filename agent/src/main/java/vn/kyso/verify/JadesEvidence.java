package vn.kyso.verify;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

import vn.kyso.json.JadesUnsignedProperties;

/**
 * The validation data a JAdES signature carries itself (TS 119 182-1 §5.3): the xVals/axVals certificates, the
 * rVals/arVals OCSP responses and CRLs, and what its sigTst tokens carry — the JSON counterpart of
 * {@link CmsEvidence}, so the revocation check and the level decision read one kind of evidence for every format.
 * Unreadable parts are skipped, as in {@link EmbeddedEvidence}.
 */
final class JadesEvidence {

    private JadesEvidence() {
    }

    static EmbeddedEvidence of(JadesUnsignedProperties unsigned) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : unsigned.certificates()) {
            X509Certificate certificate = Certificates.parse(der);
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        EmbeddedEvidence evidence = new EmbeddedEvidence(certificates, unsigned.ocspResponses(),
                EmbeddedEvidence.parseCrls(unsigned.crls()));
        for (TimeStampToken token : timestamps(unsigned.signatureTimeStamps())) {
            evidence = evidence.plus(CmsEvidence.ofSignedData(token.toCMSSignedData()));
        }
        return evidence;
    }

    /** The readable RFC 3161 tokens among {@code ders}. */
    static List<TimeStampToken> timestamps(List<byte[]> ders) {
        List<TimeStampToken> tokens = new ArrayList<>();
        for (byte[] der : ders) {
            try {
                tokens.add(new TimeStampToken(new CMSSignedData(der)));
            } catch (Exception e) {
                // an unreadable token carries nothing usable
            }
        }
        return tokens;
    }
}
