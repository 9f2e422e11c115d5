package vn.kyso.sign;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.token.CertificateEntry;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.token.TokenManager;

/** A {@link SignerPort} over a certificate on a token; the PIN comes from the given prompt when the token asks. */
public final class TokenSignerPort implements SignerPort {

    private final TokenManager tokens;
    private final CertificateEntry entry;
    private final List<X509Certificate> chain;
    private final PinPrompt pinPrompt;

    /**
     * @param issuers CA certificates known locally (token, trust store, AIA downloads); the chain is assembled from
     *                them by subject/issuer name and signature
     */
    public TokenSignerPort(TokenManager tokens, String certificateId, List<X509Certificate> issuers,
                           PinPrompt pinPrompt) {
        this.tokens = tokens;
        this.entry = tokens.certificate(certificateId);
        this.pinPrompt = pinPrompt;
        this.chain = assemble(entry.certificate(), issuers);
    }

    public static List<X509Certificate> assemble(X509Certificate leaf, List<X509Certificate> issuers) {
        List<X509Certificate> out = new ArrayList<>();
        out.add(leaf);
        X509Certificate current = leaf;
        while (!current.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && out.size() < 10) {
            X509Certificate next = null;
            for (X509Certificate candidate : issuers) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && signedBy(current, candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            out.add(next);
            current = next;
        }
        return List.copyOf(out);
    }

    private static boolean signedBy(X509Certificate child, X509Certificate issuer) {
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public X509Certificate certificate() {
        return entry.certificate();
    }

    @Override
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public List<SignatureAlgorithm> algorithms() {
        return entry.algorithms();
    }

    @Override
    public byte[] sign(byte[] digest, SignatureAlgorithm algorithm) {
        return tokens.sign(entry.id(), digest, algorithm, pinPrompt);
    }
}
