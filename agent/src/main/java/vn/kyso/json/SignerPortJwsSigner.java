package vn.kyso.json;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import vn.kyso.sign.SignerPort;
import vn.kyso.token.SignatureAlgorithm;

/**
 * A nimbus {@link JWSSigner} whose private key stays behind the {@link SignerPort}: the JWS signing input is hashed
 * here and only the digest goes to the token (SoftHSM2 and many tokens offer only raw CKM_ECDSA / CKM_RSA_PKCS over a
 * digest). The token's ECDSA result is DER, as CMS wants it; JWS wants R||S of fixed length (RFC 7518 §3.4), so it is
 * transcoded. Signs with one algorithm only, so a header cannot switch it.
 */
final class SignerPortJwsSigner implements JWSSigner {

    private final SignerPort signer;
    private final SignatureAlgorithm algorithm;
    private final JWSAlgorithm jwsAlgorithm;
    private final JCAContext jcaContext = new JCAContext();

    SignerPortJwsSigner(SignerPort signer, SignatureAlgorithm algorithm) {
        this.signer = signer;
        this.algorithm = algorithm;
        this.jwsAlgorithm = JwsAlgorithms.jwsAlgorithm(algorithm);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!jwsAlgorithm.equals(header.getAlgorithm())) {
            throw new JOSEException("this signer signs " + jwsAlgorithm + ", not " + header.getAlgorithm());
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(algorithm.digest().jcaName()).digest(signingInput);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] value = signer.sign(digest, algorithm);
        if (algorithm.keyKind() == SignatureAlgorithm.KeyKind.EC) {
            value = ECDSA.transcodeSignatureToConcat(value, ECDSA.getSignatureByteArrayLength(jwsAlgorithm));
        }
        return Base64URL.encode(value);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(jwsAlgorithm);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
