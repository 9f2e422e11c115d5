package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * {@link EmbeddedOcsp} remembers signature checks and parsed responses across documents by the response's bytes: a
 * response altered after a good one was checked must not be read from that memory — and the memory stays within its
 * bound.
 */
class EmbeddedOcspTest {

    @Test
    void aTamperedResponseIsNotAnsweredFromTheGoodOnesRememberedCheck() throws Exception {
        PkiIdentity an = TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN);
        X509Certificate issuer = an.chain().get(1);
        byte[] good = response(an.certificate(), issuer);
        BasicOCSPResp basic = EmbeddedOcsp.basic(good);
        assertNotNull(basic);

        EmbeddedOcsp.Answer first = EmbeddedOcsp.answer(good, basic, an.certificate(), issuer, List.of());
        assertNotNull(first);
        assertTrue(first.good());
        // asked again (another document carrying the same response): the same answer, now from memory
        assertEquals(first, EmbeddedOcsp.answer(good, EmbeddedOcsp.basic(good), an.certificate(), issuer, List.of()));

        byte[] tampered = good.clone();
        byte[] signature = basic.getSignature();
        int at = indexOf(tampered, signature) + signature.length - 1;
        tampered[at] ^= 0x01; // the last byte of the responder's signature value
        BasicOCSPResp parsedTampered = EmbeddedOcsp.basic(tampered);
        assertNotNull(parsedTampered, "still a well-formed response");
        assertNull(EmbeddedOcsp.answer(tampered, parsedTampered, an.certificate(), issuer, List.of()));
        // and the good one is still good
        assertEquals(first, EmbeddedOcsp.answer(good, basic, an.certificate(), issuer, List.of()));
        assertTrue(EmbeddedOcsp.rememberedSignatureChecks() <= 256);
    }

    /** A parsed response is remembered by its exact bytes: the same bytes give it back, a changed byte does not. */
    @Test
    void aParsedResponseIsGivenBackOnlyForItsOwnBytes() throws Exception {
        PkiIdentity binh = TestEnvironment.shared().pki().get(TestPki.PERSONAL_BINH);
        byte[] good = response(binh.certificate(), binh.chain().get(1));
        BasicOCSPResp basic = EmbeddedOcsp.basic(good);
        assertNotNull(basic);
        assertSame(basic, EmbeddedOcsp.basic(good.clone()), "the same bytes, in another document");

        byte[] tampered = good.clone();
        byte[] signature = basic.getSignature();
        tampered[indexOf(tampered, signature) + signature.length - 1] ^= 0x01;
        BasicOCSPResp other = EmbeddedOcsp.basic(tampered);
        assertNotNull(other);
        assertNotSame(basic, other);
        assertFalse(java.util.Arrays.equals(basic.getSignature(), other.getSignature()));
        assertNull(EmbeddedOcsp.answer(tampered, other, binh.certificate(), binh.chain().get(1), List.of()));
        assertNull(EmbeddedOcsp.basic(java.util.Arrays.copyOf(good, good.length - 1)), "cut short: not a response");
    }

    private static byte[] response(X509Certificate certificate, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(TestEnvironment.shared().pki().urls().ocsp()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
