package vn.kyso.token;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How the token layer runs.
 *
 * @param libraries    PKCS#11 libraries named by the administrator (or a test), loaded first, in order; libraries
 *                     the driver catalogue does not know are probed in a child process before loading
 * @param discover     also load every catalogued token library present on this machine
 * @param loginPolicy  how long a login lasts
 * @param lockTimeout  how long a request waits for a busy token before TOKEN_BUSY
 * @param pollInterval how often slots are checked for insertion and removal (well under a second)
 */
public record TokenManagerConfig(List<Path> libraries, boolean discover, LoginPolicy loginPolicy,
                                 Duration lockTimeout, Duration pollInterval, Clock clock) {

    public TokenManagerConfig {
        libraries = List.copyOf(libraries);
    }

    /** Exactly these libraries, no discovery. */
    public static TokenManagerConfig of(List<Path> libraries) {
        return new TokenManagerConfig(libraries, false, LoginPolicy.untilRemoval(), Duration.ofMinutes(5),
                Duration.ofMillis(500), Clock.systemUTC());
    }

    /** The administrator's libraries plus every catalogued driver found on this machine. */
    public static TokenManagerConfig discovering(List<Path> adminLibraries) {
        return new TokenManagerConfig(adminLibraries, true, LoginPolicy.untilRemoval(), Duration.ofMinutes(5),
                Duration.ofMillis(500), Clock.systemUTC());
    }

    public TokenManagerConfig withLoginPolicy(LoginPolicy policy) {
        return new TokenManagerConfig(libraries, discover, policy, lockTimeout, pollInterval, clock);
    }

    public TokenManagerConfig withLockTimeout(Duration timeout) {
        return new TokenManagerConfig(libraries, discover, loginPolicy, timeout, pollInterval, clock);
    }

    public TokenManagerConfig withPollInterval(Duration interval) {
        return new TokenManagerConfig(libraries, discover, loginPolicy, lockTimeout, interval, clock);
    }

    public TokenManagerConfig withClock(Clock newClock) {
        return new TokenManagerConfig(libraries, discover, loginPolicy, lockTimeout, pollInterval, newClock);
    }
}
