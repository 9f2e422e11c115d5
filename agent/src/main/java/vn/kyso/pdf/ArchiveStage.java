package vn.kyso.pdf;

import java.io.IOException;

import vn.kyso.errors.KysoException;
import vn.kyso.pki.TimeStamp;
import vn.kyso.pki.TimeStampClient;
import vn.kyso.token.DigestAlgorithm;

/**
 * Stage four of the PAdES pipeline (B-LTA): a document time-stamp revision over everything before it, then, when
 * its TSA chain is not covered yet, one more /DSS revision for it.
 */
final class ArchiveStage {

    private final TimeStampClient timeStamps;
    private final EvidenceStage evidence;

    ArchiveStage(TimeStampClient timeStamps, EvidenceStage evidence) {
        this.timeStamps = timeStamps;
        this.evidence = evidence;
    }

    /**
     * @return false when the TSA could not be had: then nothing of the revision is kept and the document is as it was
     */
    boolean add(PdfOutput out, LevelRun run) throws IOException {
        long length = out.length();
        SignatureGap gap = PrepareStage.documentTimeStamp(out, run.options().password());
        boolean kept = false;
        TimeStamp stamp;
        try {
            stamp = stamp(gap, run);
            if (stamp == null) {
                return false;
            }
            gap.fill(out, stamp.encoded());
            kept = true;
        } finally {
            if (!kept) {
                out.truncate(length); // no time-stamp: the revision with the empty gap goes
            }
        }
        // Without the time-stamp's own revocation data the document is still B-LTA: the archive time-stamp covers
        // the signature's evidence; its chain's evidence is only needed for the next renewal.
        evidence.add(out, EvidenceStage.certificatesOf(stamp.token()), stamp.time(), run);
        return true;
    }

    /** The TSA's token for the gap's digest; null when the TSA could not be had (best effort). */
    private TimeStamp stamp(SignatureGap gap, LevelRun run) {
        try {
            return timeStamps.timestamp(DigestAlgorithm.SHA256, gap.digest());
        } catch (KysoException tsaProblem) {
            run.noTimeStamp(tsaProblem.messageEn());
            return null;
        }
    }
}
