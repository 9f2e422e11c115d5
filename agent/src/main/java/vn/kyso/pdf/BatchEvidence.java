package vn.kyso.pdf;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.kyso.pki.RevocationCollector;

/**
 * The B-LT evidence of several signatures made together (a batch), collected once for every distinct set of
 * certificates to cover — usually one: the same signer and the same TSA — instead of once per document. It is
 * collected after the last of their time-stamps, so every signature's /DSS still holds OCSP/CRL fetched after its
 * own time-stamp, as {@link EvidenceStage} asks of one signature alone.
 */
public final class BatchEvidence {

    private final Map<List<ByteBuffer>, EvidenceStage.Collected> byTargets;

    private BatchEvidence(Map<List<ByteBuffer>, EvidenceStage.Collected> byTargets) {
        this.byTargets = byTargets;
    }

    /** Collects for each distinct target set among {@code stamped}, fresh after the latest time-stamp of that set. */
    static BatchEvidence collect(EvidenceStage stage, List<RemotePadesSigner.Stamped> stamped) {
        Map<List<ByteBuffer>, List<X509Certificate>> targets = new LinkedHashMap<>();
        Map<List<ByteBuffer>, Instant> latest = new LinkedHashMap<>();
        for (RemotePadesSigner.Stamped one : stamped) {
            if (one.stamp() == null || !one.run().wants(PadesLevel.B_LT)) {
                continue;
            }
            List<X509Certificate> covered = PadesSigner.evidenceTargets(one.chain(), one.stamp());
            List<ByteBuffer> key = key(covered);
            targets.putIfAbsent(key, covered);
            latest.merge(key, one.stamp().time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Map<List<ByteBuffer>, EvidenceStage.Collected> collected = new LinkedHashMap<>();
        targets.forEach((key, covered) -> collected.put(key, stage.collect(covered, latest.get(key))));
        return new BatchEvidence(Map.copyOf(collected));
    }

    /** What was collected for exactly these certificates, or null when they were not among the batch's. */
    EvidenceStage.Collected forTargets(List<X509Certificate> targets) {
        return byTargets.get(key(targets));
    }

    /** How many collections were made (one per distinct target set). */
    public int collections() {
        return byTargets.size();
    }

    private static List<ByteBuffer> key(List<X509Certificate> certificates) {
        List<ByteBuffer> key = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            key.add(ByteBuffer.wrap(RevocationCollector.encoded(certificate)));
        }
        return List.copyOf(key);
    }
}
