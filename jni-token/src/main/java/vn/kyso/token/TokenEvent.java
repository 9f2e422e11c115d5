package vn.kyso.token;

/** A token arrived or left. */
public record TokenEvent(Type type, TokenInfo token) {

    public enum Type { INSERTED, REMOVED }
}
