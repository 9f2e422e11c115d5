package vn.kyso.pdf;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.cms.CMSSignedData;

import vn.kyso.cms.CmsSignatureBuilder;
import vn.kyso.cms.SignatureTimeStamps;
import vn.kyso.errors.KysoException;
import vn.kyso.pki.RevocationCollector;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * Stage two of the PAdES pipeline: the CMS over the prepared digest (made here through the signer port, or brought
 * by the caller of two-step signing), its signature time-stamp for B-T, and the CMS written into the gap.
 */
final class SignStage {

    /** Room for the signature time-stamp token (token, TSA certificate chain) inside /Contents. */
    static final int TIMESTAMP_ALLOWANCE = 12 * 1024;
    /** Signed attributes, SignerInfo and SignedData framing, and the signature value of keys up to RSA-8192. */
    static final int CMS_OVERHEAD = 4 * 1024;

    private final TimeStampClient timeStamps;

    /** @param timeStamps the configured TSA, or null when there is none */
    SignStage(TimeStampClient timeStamps) {
        this.timeStamps = timeStamps;
    }

    /** The /Contents reservation: the chain and overhead, plus the time-stamp token when one is coming. */
    static int reservedSize(List<X509Certificate> chain, boolean withTimeStamp) {
        int size = CMS_OVERHEAD;
        for (X509Certificate certificate : chain) {
            size += RevocationCollector.encoded(certificate).length;
        }
        if (withTimeStamp) {
            size += TIMESTAMP_ALLOWANCE;
        }
        return size;
    }

    /**
     * Whether to ask for a signature time-stamp. Known before the PIN is asked: without a TSA, strict mode refuses
     * now rather than after the token has signed.
     */
    boolean timeStampWanted(LevelRun run) {
        if (!run.wants(PadesLevel.B_T)) {
            return false;
        }
        if (timeStamps == null) {
            run.noTimeStamp("no TSA configured");
            return false;
        }
        return true;
    }

    /** The key signs the prepared digest. PAdES baseline: no CMS signing-time; the claimed time is /M. */
    static CMSSignedData sign(SignerPort signer, SignatureAlgorithm algorithm, SignatureGap gap) {
        return new CmsSignatureBuilder(signer, algorithm).build(gap.digest(), null);
    }

    /**
     * Adds the signature time-stamp when wanted and writes the CMS into the gap.
     *
     * @return the signature time-stamp, or null when there is none (the signature is B-B)
     */
    TimeStamp write(PdfOutput out, SignatureGap gap, CMSSignedData cms, boolean wantsTimeStamp, LevelRun run)
            throws IOException {
        CMSSignedData written = cms;
        TimeStamp stamp = null;
        if (wantsTimeStamp) {
            try {
                SignatureTimeStamps.Stamped stamped = SignatureTimeStamps.timeStamp(cms, timeStamps);
                written = stamped.signedData();
                stamp = stamped.stamp();
            } catch (KysoException tsaProblem) {
                run.noTimeStamp(tsaProblem.messageEn());
            }
        }
        gap.fill(out, CmsSignatureBuilder.encode(written));
        return stamp;
    }
}
