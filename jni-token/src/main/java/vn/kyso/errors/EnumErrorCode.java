package vn.kyso.errors;

/**
 * The usual shape of a family of errors: an enum whose constant name is the stable code and whose constants carry
 * their text. Implementing enums only declare their constants and {@link #text()}.
 */
public interface EnumErrorCode extends ErrorCode {

    /** Supplied by {@link Enum}: the constant's name. */
    String name();

    ErrorText text();

    @Override
    default String code() {
        return name();
    }

    @Override
    default String messageVi() {
        return text().vi();
    }

    @Override
    default String messageEn() {
        return text().en();
    }
}
