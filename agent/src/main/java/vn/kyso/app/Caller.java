package vn.kyso.app;

import java.util.Optional;

/** Who is calling: an allowed web origin, or a local program that proved it runs as this user. */
public record Caller(Optional<String> origin) {

    public String describe() {
        return origin.orElse("local program");
    }
}
