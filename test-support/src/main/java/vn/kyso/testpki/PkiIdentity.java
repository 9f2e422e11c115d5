package vn.kyso.testpki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate of the test PKI with its private key and its chain (leaf first, root last).
 *
 * @param alias       stable short name, also the PKCS#11 label on the SoftHSM2 tokens
 * @param role        what the certificate is for
 * @param issuerAlias alias of the issuing CA (itself for a root)
 */
public record PkiIdentity(String alias, Role role, String issuerAlias, X509Certificate certificate,
                          PrivateKey privateKey, List<X509Certificate> chain) {

    public enum Role {
        ROOT_CA, INTERMEDIATE_CA, OCSP_RESPONDER, TSA,
        /** An official's own certificate (ký phê duyệt, ký nháy). */
        PERSONAL,
        /** The agency's "con dấu" certificate used by the văn thư to issue documents. */
        ORGANISATION
    }

    public PkiIdentity {
        chain = List.copyOf(chain);
    }

    public boolean isCa() {
        return role == Role.ROOT_CA || role == Role.INTERMEDIATE_CA;
    }
}
