import java.security.Security;

/**
 * Exits 0 when every security provider the runtime's java.security names is loaded, 1 otherwise (deb-install-test.sh
 * runs it on the installed runtime, with nothing but this class on the class path).
 */
public final class ProviderProbe {

    private ProviderProbe() {
    }

    public static void main(String[] args) {
        int configured = 0;
        while (Security.getProperty("security.provider." + (configured + 1)) != null) {
            configured++;
        }
        int loaded = Security.getProviders().length;
        System.out.println(configured + " providers configured, " + loaded + " loaded");
        System.exit(configured == loaded ? 0 : 1);
    }
}
