package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.testpki.PkiIdentity;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * {@link ChainValidation#pkixAt} remembers results by the chain's bytes and the time: another chain or another
 * time is validated afresh, never answered from a remembered result, and a remembered failure stays a failure.
 */
class ChainValidationTest {

    @Test
    void aRememberedPathResultAnswersOnlyTheSameChainAtTheSameTime() {
        PkiIdentity an = TestEnvironment.shared().pki().get(TestPki.PERSONAL_AN);
        List<X509Certificate> chain = an.chain(); // An, the CA, the root
        X509Certificate root = chain.get(chain.size() - 1);
        Instant now = Instant.now();
        Instant expired = an.certificate().getNotAfter().toInstant().plusSeconds(60);

        assertDoesNotThrow(() -> ChainValidation.pkixAt(chain, now));
        // the CA left out: An's certificate does not verify with the root's key
        VerificationFailure skipped = assertThrows(VerificationFailure.class,
                () -> ChainValidation.pkixAt(List.of(an.certificate(), root), now));
        assertEquals(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE, skipped.subIndication());
        // the same chain after An's certificate expired
        assertThrows(VerificationFailure.class, () -> ChainValidation.pkixAt(chain, expired));
        // asked again: each answer as it was
        assertDoesNotThrow(() -> ChainValidation.pkixAt(chain, now));
        VerificationFailure again = assertThrows(VerificationFailure.class,
                () -> ChainValidation.pkixAt(List.of(an.certificate(), root), now));
        assertEquals(skipped.reason(), again.reason());
        assertThrows(VerificationFailure.class, () -> ChainValidation.pkixAt(chain, expired));
    }
}
