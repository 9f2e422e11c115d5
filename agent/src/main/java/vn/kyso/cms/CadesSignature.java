package vn.kyso.cms;

import java.util.Base64;

import vn.kyso.pki.TimeStamp;

/**
 * A detached CAdES signature.
 *
 * @param der       the CMS SignedData (ContentInfo) in DER, without the content
 * @param level     the level reached
 * @param timeStamp the signature time-stamp at B-T, else null
 */
public record CadesSignature(byte[] der, CadesLevel level, TimeStamp timeStamp) {

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** RFC 7468 textual encoding ("-----BEGIN CMS-----"), 64 characters a line. */
    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN CMS-----\n" + body + "\n-----END CMS-----\n";
    }
}
