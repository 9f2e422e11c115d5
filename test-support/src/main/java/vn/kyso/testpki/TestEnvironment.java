package vn.kyso.testpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One test PKI, its running services and the standard SoftHSM2 tokens, created once per test JVM and shared by
 * every test in it. The SoftHSM2 directory comes from the {@code kyso.test.softhsm.dir} system property, which the
 * Maven build sets together with {@code SOFTHSM2_CONF}.
 */
public final class TestEnvironment {

    private static TestEnvironment shared;

    private final PkiServices services;
    private final SoftHsmFixture softHsm;

    private TestEnvironment(PkiServices services, SoftHsmFixture softHsm) {
        this.services = services;
        this.softHsm = softHsm;
    }

    public static synchronized TestEnvironment shared() {
        if (shared == null) {
            try {
                PkiServices services = PkiServices.startWithFreshPki();
                String dir = System.getProperty("kyso.test.softhsm.dir");
                if (dir == null) {
                    throw new IllegalStateException("system property kyso.test.softhsm.dir is not set");
                }
                SoftHsmFixture softHsm = SoftHsmFixture.create(Path.of(dir), services.pki(),
                        SoftHsmFixture.STANDARD_TOKENS);
                shared = new TestEnvironment(services, softHsm);
                Runtime.getRuntime().addShutdownHook(new Thread(services::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public TestPki pki() {
        return services.pki();
    }

    public PkiServices services() {
        return services;
    }

    public SoftHsmFixture softHsm() {
        return softHsm;
    }
}
