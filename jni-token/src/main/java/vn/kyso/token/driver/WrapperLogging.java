package vn.kyso.token.driver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Routes the PKCS#11 wrapper's own log to slf4j at warn/error only. Its info and debug lines carry session and
 * object handles (and a debug build of a vendor library may echo more); the agent never logs those.
 */
public final class WrapperLogging {

    private static volatile boolean installed;

    private WrapperLogging() {
    }

    public static void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger log = LoggerFactory.getLogger("vn.kyso.token.pkcs11");
        StaticLogger.setLogger(new org.xipki.pkcs11.wrapper.Logger() {
            @Override
            public void info(String format, Object... arguments) {
                // dropped: handles
            }

            @Override
            public void warn(String format, Object... arguments) {
                log.warn(format, arguments);
            }

            @Override
            public void error(String format, Object... arguments) {
                log.error(format, arguments);
            }

            @Override
            public void debug(String format, Object... arguments) {
                // dropped: handles
            }

            @Override
            public void trace(String format, Object... arguments) {
                // dropped: handles
            }

            @Override
            public boolean isDebugEnabled() {
                return false;
            }

            @Override
            public boolean isInfoEnabled() {
                return false;
            }

            @Override
            public boolean isWarnEnabled() {
                return log.isWarnEnabled();
            }

            @Override
            public boolean isTraceEnabled() {
                return false;
            }
        });
    }
}
