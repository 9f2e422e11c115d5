package vn.kyso.pdf;

import java.util.ArrayList;
import java.util.List;

import vn.kyso.errors.KysoException;

/**
 * One climb up the PAdES level ladder: the options it was asked with and what it had to give up on the way. Under
 * {@link LevelPolicy#STRICT} a service that fails stops the signing; under best effort it becomes a warning and the
 * level stays where it got to.
 */
final class LevelRun {

    private final PadesOptions options;
    private final List<SignWarning> warnings;

    LevelRun(PadesOptions options, List<SignWarning> warnings) {
        this.options = options;
        this.warnings = new ArrayList<>(warnings);
    }

    PadesOptions options() {
        return options;
    }

    List<SignWarning> warnings() {
        return List.copyOf(warnings);
    }

    /** Whether the level asked for reaches {@code level}. */
    boolean wants(PadesLevel level) {
        return options.level().atLeast(level);
    }

    /** A service failed: thrown under STRICT, kept as a warning otherwise. */
    void giveUp(KysoException problem) {
        if (options.policy() == LevelPolicy.STRICT) {
            throw problem;
        }
        warnings.add(SignWarning.of(problem));
    }

    /** The TSA could not be had, for {@code why}. */
    void noTimeStamp(String why) {
        giveUp(new KysoException(PdfError.TIMESTAMP_REQUIRED_UNAVAILABLE, why));
    }
}
