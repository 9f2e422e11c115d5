package vn.kyso.app;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.SignatureAppearance;

/**
 * How a request describes one PDF signature — preset, its parameters, reason, location, level — turned into the
 * engine's options, the same for {@code sign.pdf}, each item of {@code sign.pdf.batch} and {@code pdf.prepare}.
 * Stamp images come from the session's documents ({@code imageDocumentId}) or the user's profile
 * ({@code imageProfile}: "signature" or "seal"), never from a path.
 */
final class PdfRequests {

    /** The options and the act they perform. */
    record Described(PadesOptions options, PresetFactory.Act act, String preset) {
    }

    private PdfRequests() {
    }

    static Described describe(Session session, ObjectNode params, String level, ProfileImages profile) {
        String preset = Params.optional(params, "preset") == null ? "invisible" : Params.optional(params, "preset");
        PresetFactory.Act act = PresetFactory.act(preset);
        ObjectNode presetParams = Params.object(params, "presetParams");
        SignatureAppearance appearance = PresetFactory.build(preset, name -> Params.optional(presetParams, name),
                name -> image(session, presetParams, name, profile), Instant.now());
        PadesOptions options = PadesOptions.defaults().withAppearance(appearance)
                .withDetails(null, Params.optional(params, "reason"), Params.optional(params, "location"), null);
        return new Described(withLevel(options, level), act, preset);
    }

    private static byte[] image(Session session, ObjectNode presetParams, String name, ProfileImages profile) {
        String documentId = Params.optional(presetParams, name + "DocumentId");
        String fromProfile = Params.optional(presetParams, name + "Profile");
        if (documentId != null && fromProfile != null) {
            throw Params.invalid(name + "Profile", name + "DocumentId and " + name + "Profile exclude each other");
        }
        if (documentId != null) {
            return session.documents().get(documentId).bytes();
        }
        if (fromProfile != null) {
            return profile.read(ProfileImages.Image.named(fromProfile));
        }
        return null;
    }

    static PadesOptions withLevel(PadesOptions options, String level) {
        if (level == null) {
            return options;
        }
        try {
            return options.withLevel(PadesLevel.valueOf(level.replace('-', '_')));
        } catch (IllegalArgumentException e) {
            throw Params.invalid("level", "level must be B-B, B-T, B-LT or B-LTA");
        }
    }

    static String levelName(PadesLevel level) {
        return level.name().replace('_', '-');
    }
}
