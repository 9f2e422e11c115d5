package vn.kyso.pki;

import java.util.List;

/**
 * Validation material for one signature or time-stamp, as DER: certificates, OCSP responses and CRLs.
 * Kept as bytes because that is what the /DSS streams and XAdES's Encapsulated* elements hold and how duplicates are
 * recognised.
 */
public record ValidationData(List<byte[]> certificates, List<byte[]> ocspResponses, List<byte[]> crls) {

    public ValidationData {
        certificates = List.copyOf(certificates);
        ocspResponses = List.copyOf(ocspResponses);
        crls = List.copyOf(crls);
    }
}
