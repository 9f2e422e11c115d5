package vn.kyso.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** RFC 3161 time-stamping authority of the test PKI: SHA-256/384/512 imprints, 1 s accuracy, monotonic serials. */
final class TimeStampAuthority {

    private static final Set<ASN1ObjectIdentifier> ACCEPTED = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private final TestPki pki;
    private final Clock clock;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    TimeStampAuthority(TestPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
    }

    byte[] respond(byte[] requestBytes) throws IOException {
        PkiIdentity tsa = pki.get(TestPki.TSA);
        try {
            SignerInfoGenerator signerInfo = new JcaSimpleSignerInfoGeneratorBuilder()
                    .build("SHA256withRSA", tsa.privateKey(), tsa.certificate());
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo,
                    new JcaDigestCalculatorProviderBuilder().build().get(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    TestPki.POLICY_TSA);
            tokens.setAccuracySeconds(1);
            List<X509Certificate> chain = new ArrayList<>(tsa.chain());
            tokens.addCertificates(new JcaCertStore(chain));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, ACCEPTED,
                    Set.of(TestPki.POLICY_TSA));
            TimeStampRequest request;
            try {
                request = new TimeStampRequest(requestBytes);
            } catch (IOException | RuntimeException e) {
                return responses.generateFailResponse(
                        org.bouncycastle.asn1.cmp.PKIStatus.REJECTION,
                        org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat, "malformed request").getEncoded();
            }
            TimeStampResponse response = responses.generateGrantedResponse(request,
                    BigInteger.valueOf(serial.incrementAndGet()), Date.from(clock.instant()));
            return response.getEncoded();
        } catch (org.bouncycastle.tsp.TSPException e) {
            try {
                return new TimeStampResponseGenerator(null, ACCEPTED).generateFailResponse(
                        org.bouncycastle.asn1.cmp.PKIStatus.REJECTION,
                        org.bouncycastle.asn1.cmp.PKIFailureInfo.badAlg, e.getMessage()).getEncoded();
            } catch (org.bouncycastle.tsp.TSPException inner) {
                throw new IOException(inner);
            }
        } catch (Exception e) {
            throw new IOException("TSA failure", e);
        }
    }
}
