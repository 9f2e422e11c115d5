package vn.kyso.verify;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.CrlResult;
import vn.kyso.pki.OcspResult;

/**
 * Revocation status of every non-anchor certificate of a chain as of a signing time. Evidence in the document
 * first (/DSS and the CMS adbe-revocationInfoArchival attribute), then the OCSP responder, then the CRL. When
 * nothing answers the status is unknown and the verdict INDETERMINATE TRY_LATER — never "valid".
 */
final class RevocationCheck {

    private final VerifierSettings settings;

    RevocationCheck(VerifierSettings settings) {
        this.settings = settings;
    }

    /**
     * @param time        the best signing time
     * @param proofOfTime whether {@code time} is proven by a timestamp
     * @param claimed     the signer's claimed signing time, or null
     * @return the signer's (first certificate's) status and source
     */
    RevocationInfo check(List<X509Certificate> chain, EmbeddedEvidence evidence, Instant time, boolean proofOfTime,
                         Instant claimed) {
        return check(chain, evidence, time, proofOfTime, claimed, true);
    }

    /**
     * @param requireForCas false for a time-stamping unit's chain: EU DSS's default policy (and so ours) requires
     *                      revocation data for the TSA's own certificate but only warns when it lacks it for the CAs
     *                      above it; a CA found revoked still fails
     */
    RevocationInfo check(List<X509Certificate> chain, EmbeddedEvidence evidence, Instant time, boolean proofOfTime,
                         Instant claimed, boolean requireForCas) {
        RevocationInfo signerInfo = null;
        for (int i = 0; i < chain.size() - 1; i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            RevocationInfo info = statusOf(certificate, issuer, evidence, time);
            if (info.status() == RevocationStatus.REVOKED && !info.revocationTime().isAfter(time)) {
                boolean signerSaysAfter = claimed != null && !claimed.isBefore(info.revocationTime());
                if (proofOfTime || signerSaysAfter) {
                    throw new VerificationFailure(SubIndication.REVOKED, ChainValidation.who(certificate)
                            + " was revoked at " + info.revocationTime() + (proofOfTime ? ", the timestamp proves signing at " + time
                            : ", the signer claims to have signed at " + claimed) + " (" + info.source() + ")");
                }
                throw new VerificationFailure(SubIndication.REVOKED_NO_POE, ChainValidation.who(certificate)
                        + " was revoked at " + info.revocationTime() + " and no timestamp proves the signature is older");
            }
            boolean unknown = info.status() == RevocationStatus.UNKNOWN
                    || info.status() == RevocationStatus.NOT_CHECKED;
            if (unknown && (i == 0 || requireForCas)) {
                throw new VerificationFailure(SubIndication.TRY_LATER,
                        ChainValidation.who(certificate) + ": " + info.detail());
            }
            if (i == 0) {
                signerInfo = info;
            }
        }
        return signerInfo == null ? RevocationInfo.notChecked() : signerInfo;
    }

    /**
     * Embedded evidence that speaks for {@code time} first; online when it does not (or there is none); and, when
     * online gives nothing, embedded evidence made before {@code time} — EU DSS's default policy sets no freshness
     * limit (RevocationFreshness IGNORE), and the detail says how old it is.
     */
    private RevocationInfo statusOf(X509Certificate certificate, X509Certificate issuer, EmbeddedEvidence evidence,
                                    Instant time) {
        RevocationInfo stale = null;
        for (byte[] response : evidence.ocspResponses()) {
            EmbeddedOcsp.Answer answer = evidence.ocspAnswer(response, certificate, issuer);
            if (answer == null) {
                continue;
            }
            if (answer.status() != null && !answer.good() && answer.revocationTime() != null) {
                return new RevocationInfo(RevocationStatus.REVOKED, RevocationSource.EMBEDDED_OCSP,
                        answer.revocationTime(), answer.thisUpdate(), null);
            }
            if (answer.good()) {
                RevocationInfo good = new RevocationInfo(RevocationStatus.GOOD, RevocationSource.EMBEDDED_OCSP, null,
                        answer.thisUpdate(), null);
                if (coversTime(answer.thisUpdate(), answer.nextUpdate(), time)) {
                    return good;
                }
                stale = fresher(stale, good);
            }
        }
        for (X509CRL crl : evidence.crls()) {
            if (!Certificates.issuedCrl(issuer, crl)) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            Instant thisUpdate = crl.getThisUpdate().toInstant();
            if (entry != null) {
                return new RevocationInfo(RevocationStatus.REVOKED, RevocationSource.EMBEDDED_CRL,
                        entry.getRevocationDate().toInstant(), thisUpdate, null);
            }
            Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            RevocationInfo good = new RevocationInfo(RevocationStatus.GOOD, RevocationSource.EMBEDDED_CRL, null,
                    thisUpdate, null);
            if (coversTime(thisUpdate, nextUpdate, time)) {
                return good;
            }
            stale = fresher(stale, good);
        }
        RevocationInfo online = settings.online() ? online(certificate, issuer) : null;
        if (online != null && online.status() != RevocationStatus.UNKNOWN) {
            return online;
        }
        if (stale != null) {
            return new RevocationInfo(stale.status(), stale.source(), null, stale.evidenceTime(),
                    "the document's revocation data dates from " + stale.evidenceTime() + ", before " + time);
        }
        if (online != null) {
            return online;
        }
        return new RevocationInfo(RevocationStatus.NOT_CHECKED, RevocationSource.NONE, null, null,
                "no revocation data in the document and online checking is off");
    }

    private static RevocationInfo fresher(RevocationInfo a, RevocationInfo b) {
        return a == null || b.evidenceTime().isAfter(a.evidenceTime()) ? b : a;
    }

    private RevocationInfo online(X509Certificate certificate, X509Certificate issuer) {
        StringBuilder problems = new StringBuilder();
        try {
            OcspResult ocsp = settings.ocsp().check(certificate, issuer);
            if (ocsp.status() == OcspResult.Status.REVOKED) {
                return new RevocationInfo(RevocationStatus.REVOKED, RevocationSource.ONLINE_OCSP,
                        ocsp.revocationTime(), ocsp.thisUpdate(), null);
            }
            if (ocsp.status() == OcspResult.Status.GOOD) {
                return new RevocationInfo(RevocationStatus.GOOD, RevocationSource.ONLINE_OCSP, null,
                        ocsp.thisUpdate(), null);
            }
            problems.append("OCSP: status unknown; ");
        } catch (KysoException e) {
            problems.append("OCSP: ").append(e.messageEn()).append("; ");
        }
        try {
            CrlResult crl = settings.crl().check(certificate, issuer);
            if (crl.revoked()) {
                return new RevocationInfo(RevocationStatus.REVOKED, RevocationSource.ONLINE_CRL,
                        crl.revocationTime(), crl.thisUpdate(), null);
            }
            return new RevocationInfo(RevocationStatus.GOOD, RevocationSource.ONLINE_CRL, null, crl.thisUpdate(), null);
        } catch (KysoException e) {
            problems.append("CRL: ").append(e.messageEn());
        }
        return new RevocationInfo(RevocationStatus.UNKNOWN, RevocationSource.NONE, null, null, problems.toString());
    }

    /**
     * Evidence speaks about the signing time when it was issued after it (a certificate revoked before then would
     * be listed) or was still current at it.
     */
    private static boolean coversTime(Instant thisUpdate, Instant nextUpdate, Instant time) {
        return !thisUpdate.isBefore(time) || (nextUpdate != null && !nextUpdate.isBefore(time));
    }
}
