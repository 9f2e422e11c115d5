package vn.kyso.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import vn.kyso.testpki.PkiServices;
import vn.kyso.testpki.PkiUrls;
import vn.kyso.testpki.SoftHsmFixture;
import vn.kyso.testpki.TestEnvironment;
import vn.kyso.testpki.TestPki;

/**
 * The test PKI's CA, OCSP responder, CRL distribution points and TSA on 127.0.0.1 (and, shared, the SoftHSM2 tokens)
 * for one test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PkiServicesExtension PKI = PkiServicesExtension.fresh();
 * ... PKI.pki().get(TestPki.PERSONAL_AN), PKI.services().setAvailable(Service.OCSP, false)
 * }</pre>
 *
 * A {@link #fresh()} PKI is generated for the class on a free port and closed after it: for tests that switch services
 * off or count their requests. The {@link #shared()} one is the test JVM's {@link TestEnvironment}, whose SoftHSM2
 * tokens hold that PKI's keys; after the class its services are all switched on again. {@link PkiServices},
 * {@link TestPki} and {@link SoftHsmFixture} parameters of the class's methods and constructors are injected.
 */
public final class PkiServicesExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final boolean shared;
    private volatile PkiServices services;

    private PkiServicesExtension(boolean shared) {
        this.shared = shared;
    }

    public static PkiServicesExtension fresh() {
        return new PkiServicesExtension(false);
    }

    public static PkiServicesExtension shared() {
        return new PkiServicesExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        services = shared ? TestEnvironment.shared().services() : PkiServices.startWithFreshPki();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (shared) {
            for (PkiServices.Service service : PkiServices.Service.values()) {
                services.setAvailable(service, true);
            }
        } else {
            services.close();
        }
    }

    public PkiServices services() {
        if (services == null) {
            throw new IllegalStateException("PkiServicesExtension is used before the class started: register it "
                    + "with @RegisterExtension on a static field");
        }
        return services;
    }

    public TestPki pki() {
        return services().pki();
    }

    public PkiUrls urls() {
        return services().urls();
    }

    /** The SoftHSM2 tokens, whose keys belong to the shared PKI only. */
    public SoftHsmFixture softHsm() {
        if (!shared) {
            throw new IllegalStateException("the SoftHSM2 tokens hold the shared PKI's keys: use "
                    + "PkiServicesExtension.shared()");
        }
        return TestEnvironment.shared().softHsm();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PkiServices.class || type == TestPki.class || (shared && type == SoftHsmFixture.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == PkiServices.class) {
            return services();
        }
        return type == TestPki.class ? pki() : softHsm();
    }
}
