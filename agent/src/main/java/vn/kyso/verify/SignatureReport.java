package vn.kyso.verify;

import java.util.List;

/**
 * The verdict on one signature (or document timestamp) of a PDF.
 *
 * @param subIndication   null when TOTAL_PASSED
 * @param reason          readable detail of the failing rule, null when TOTAL_PASSED
 * @param documentTimestamp true for a /SubFilter ETSI.RFC3161 document timestamp
 * @param coversWholeDocument true when the signed revision is the final file
 * @param changesAfter    what later incremental updates changed
 * @param warnings        facts worth showing that do not change the verdict (claimed time, local-time skew …)
 * @param level           the format level the signature carries, whatever its verdict (see {@link SignatureLevel})
 * @param levelGaps       why the level stops where it does (empty at the top of the ladder)
 */
public record SignatureReport(String fieldName, boolean documentTimestamp, Indication indication,
                              SubIndication subIndication, String reason, SignerInfo signer, SigningTime signingTime,
                              SignatureLevel level, RevocationInfo revocation, TimestampInfo timestamp,
                              String subFilter, String digestAlgorithm, String signatureAlgorithm,
                              boolean coversWholeDocument, List<Change> changesAfter, List<String> warnings,
                              List<LevelGap> levelGaps) {

    public SignatureReport {
        changesAfter = List.copyOf(changesAfter);
        warnings = List.copyOf(warnings);
        levelGaps = List.copyOf(levelGaps);
    }

    /** A report without level gaps (a level at the top of its ladder, or none to explain). */
    public SignatureReport(String fieldName, boolean documentTimestamp, Indication indication,
                           SubIndication subIndication, String reason, SignerInfo signer, SigningTime signingTime,
                           SignatureLevel level, RevocationInfo revocation, TimestampInfo timestamp,
                           String subFilter, String digestAlgorithm, String signatureAlgorithm,
                           boolean coversWholeDocument, List<Change> changesAfter, List<String> warnings) {
        this(fieldName, documentTimestamp, indication, subIndication, reason, signer, signingTime, level, revocation,
                timestamp, subFilter, digestAlgorithm, signatureAlgorithm, coversWholeDocument, changesAfter, warnings,
                List.of());
    }

    public boolean modifiedAfterSigning() {
        return changesAfter.stream().anyMatch(c -> !c.allowed());
    }
}
