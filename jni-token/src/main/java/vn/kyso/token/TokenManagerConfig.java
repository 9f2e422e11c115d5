package vn.kyso.token;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How the token layer runs.
 *
 * @param libraries    PKCS#11 libraries to load, in order (already chosen by driver discovery)
 * @param loginPolicy  how long a login lasts
 * @param lockTimeout  how long a request waits for a busy token before TOKEN_BUSY
 * @param pollInterval how often slots are checked for insertion and removal (well under a second)
 */
public record TokenManagerConfig(List<Path> libraries, LoginPolicy loginPolicy, Duration lockTimeout,
                                 Duration pollInterval, Clock clock) {

    public TokenManagerConfig {
        libraries = List.copyOf(libraries);
    }

    public static TokenManagerConfig of(List<Path> libraries) {
        return new TokenManagerConfig(libraries, LoginPolicy.untilRemoval(), Duration.ofMinutes(5),
                Duration.ofMillis(500), Clock.systemUTC());
    }

    public TokenManagerConfig withLoginPolicy(LoginPolicy policy) {
        return new TokenManagerConfig(libraries, policy, lockTimeout, pollInterval, clock);
    }

    public TokenManagerConfig withLockTimeout(Duration timeout) {
        return new TokenManagerConfig(libraries, loginPolicy, timeout, pollInterval, clock);
    }

    public TokenManagerConfig withClock(Clock newClock) {
        return new TokenManagerConfig(libraries, loginPolicy, lockTimeout, pollInterval, newClock);
    }
}
