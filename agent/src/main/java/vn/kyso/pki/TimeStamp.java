package vn.kyso.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;

import org.bouncycastle.tsp.TimeStampToken;

/** A validated RFC 3161 token: the token, its DER (to embed), the time it asserts and the TSA's certificate. */
public record TimeStamp(TimeStampToken token, byte[] encoded, Instant time, X509Certificate tsaCertificate) {

    public TimeStamp {
        encoded = encoded.clone();
    }

    @Override
    public byte[] encoded() {
        return encoded.clone();
    }
}
