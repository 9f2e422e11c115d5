package vn.kyso.pki;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle JCA provider of the process, for the engines that name a provider (signature values, time-stamp
 * tokens, XML signatures). Building one registers its hundreds of algorithms — tens of milliseconds even on a warm
 * JVM, far more on the first signature after a cold start — and a provider instance holds no per-use state, so every
 * check shares this one instead of building its own. Not added to the JVM's provider list: the JDK's own providers
 * stay the defaults for TLS and everything else.
 */
public final class BouncyCastle {

    private BouncyCastle() {
    }

    /** The shared provider, built on first use. */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    /** Built when first asked for, not when the agent starts (a lazy holder: the JVM makes it once, thread-safe). */
    private static final class Holder {
        private static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
