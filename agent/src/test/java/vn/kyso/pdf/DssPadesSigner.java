package vn.kyso.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import eu.europa.esig.dss.enumerations.SignatureLevel;

import vn.kyso.sign.TokenSignerPort;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.token.SignatureAlgorithm;
import vn.kyso.xml.DssXades;

/**
 * EU DSS 6.4's own PAdESService signing with our SoftHSM2 token: DSS builds the PDF revision, the signed
 * attributes, the time-stamps and the /DSS evidence (from the loopback OCSP, CRL and TSA services); the token layer
 * only signs the digest of DSS's data to be signed. DSS works in its own JVM ({@link DssXades}), on the BouncyCastle it
 * was built for. Reference signatures made by a tool we did not write.
 */
public final class DssPadesSigner {

    private final TokenSignerPort signer;
    private final List<X509Certificate> certificates = new ArrayList<>();

    public DssPadesSigner(TokenSignerPort signer) {
        this.signer = signer;
        certificates.add(signer.certificate());
        certificates.addAll(signer.chain());
    }

    public byte[] sign(byte[] pdf, SignatureLevel level) throws Exception {
        // content size like ours: chain + time-stamp token + CMS overhead
        return DssXades.signPades(pdf, certificates, level, null, 24 * 1024, 0,
                TestEnvironment.shared().services().urls().tsa(),
                toBeSigned -> signer.sign(MessageDigest.getInstance("SHA-256").digest(toBeSigned),
                        SignatureAlgorithm.RSA_PKCS1_SHA256));
    }

    /** File to file, as the signing benchmark compares. */
    public void sign(Path in, Path out, SignatureLevel level) throws Exception {
        Files.write(out, sign(Files.readAllBytes(in), level));
    }
}
