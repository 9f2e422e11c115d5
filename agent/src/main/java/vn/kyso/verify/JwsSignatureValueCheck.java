package vn.kyso.verify;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;

import vn.kyso.json.JwsAlgorithms;
import vn.kyso.token.SignatureAlgorithm;

/**
 * The JWS Signature Value verifies with the signer certificate's key over the protected header and payload exactly
 * as written. The key must fit alg: RS/PS for RSA, and for EC the ES algorithm of the key's curve (RFC 7518 §3.4).
 */
final class JwsSignatureValueCheck implements SignatureCheck {

    @Override
    public void check(SignatureContext context) {
        JWSHeader header;
        try {
            header = JWSHeader.parse(new Base64URL(context.jws.protectedHeader()));
        } catch (ParseException e) {
            throw new VerificationFailure(SubIndication.FORMAT_FAILURE, "protected header: " + e.getMessage());
        }
        SignatureAlgorithm algorithm = JwsAlgorithms.tokenAlgorithm(header.getAlgorithm().getName());
        PublicKey key = context.signerCertificate.getPublicKey();
        boolean verified;
        try {
            verified = verifier(key, algorithm).verify(header, context.jws.signingInput(context.jwsPayload),
                    new Base64URL(context.jws.signature()));
        } catch (JOSEException e) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, e.getMessage(), e);
        }
        if (!verified) {
            throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE,
                    "the protected header or the payload changed after signing, or another key signed");
        }
    }

    private static JWSVerifier verifier(PublicKey key, SignatureAlgorithm algorithm) throws JOSEException {
        // crit was checked by JwsHeaderCheck; these are the parameters this verifier processes itself.
        if (key instanceof RSAPublicKey rsa && algorithm.keyKind() == SignatureAlgorithm.KeyKind.RSA) {
            return new RSASSAVerifier(rsa, JwsHeaderCheck.UNDERSTOOD);
        }
        if (key instanceof ECPublicKey ec && algorithm == JwsAlgorithms.forEcKey(ec)) {
            return new ECDSAVerifier(ec, JwsHeaderCheck.UNDERSTOOD);
        }
        throw new VerificationFailure(SubIndication.SIG_CRYPTO_FAILURE, "a " + key.getAlgorithm()
                + " key cannot make a " + JwsAlgorithms.jwsAlgorithm(algorithm) + " signature");
    }
}
