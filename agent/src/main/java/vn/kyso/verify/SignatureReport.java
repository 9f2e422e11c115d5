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
 */
public record SignatureReport(String fieldName, boolean documentTimestamp, Indication indication,
                              SubIndication subIndication, String reason, SignerInfo signer, SigningTime signingTime,
                              SignatureLevel level, RevocationInfo revocation, TimestampInfo timestamp,
                              String subFilter, String digestAlgorithm, String signatureAlgorithm,
                              boolean coversWholeDocument, List<Change> changesAfter, List<String> warnings) {

    public SignatureReport {
        changesAfter = List.copyOf(changesAfter);
        warnings = List.copyOf(warnings);
    }

    public boolean modifiedAfterSigning() {
        return changesAfter.stream().anyMatch(c -> !c.allowed());
    }
}
