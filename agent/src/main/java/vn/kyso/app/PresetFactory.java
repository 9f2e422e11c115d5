package vn.kyso.app;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import vn.kyso.errors.KysoException;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pdf.appearance.CopyForm;
import vn.kyso.pdf.appearance.DocumentNumber;
import vn.kyso.pdf.appearance.IssueDate;
import vn.kyso.pdf.appearance.Presets;
import vn.kyso.pdf.appearance.SealTarget;
import vn.kyso.pdf.appearance.SignaturePosition;
import vn.kyso.pdf.appearance.StampImage;
import vn.kyso.request.RequestError;

/**
 * Turns a workflow name and its parameters (from the protocol or the command line) into the stamp the regulations
 * prescribe, and names the act for the consent dialog and the audit log. One place for both front ends.
 */
public final class PresetFactory {

    /** The act as shown to the person, in Vietnamese and English. */
    public record Act(String vi, String en) {
    }

    private static final Map<String, Act> ACTS = Map.of(
            "invisible", new Act("Ký số", "Sign"),
            "approve", new Act("Ký phê duyệt", "Approve"),
            "initial", new Act("Ký nháy", "Initial"),
            "issue", new Act("Phát hành văn bản", "Issue"),
            "copy", new Act("Ký bản sao điện tử", "Sign an electronic copy"),
            "attachment", new Act("Ký văn bản kèm theo", "Sign an attachment"),
            "digitised", new Act("Ký số hóa văn bản giấy", "Sign a digitised paper document"),
            "incoming", new Act("Ký tiếp nhận văn bản đến", "Sign an incoming document on receipt"));

    private PresetFactory() {
    }

    /** Presets for documents received from outside: verified before signing (SignPdf.Request#incoming). */
    public static boolean incoming(String preset) {
        return "incoming".equals(preset);
    }

    public static Act act(String preset) {
        Act act = ACTS.get(preset);
        if (act == null) {
            throw invalid("preset must be one of " + ACTS.keySet());
        }
        return act;
    }

    /**
     * @param param named text parameters (null when absent)
     * @param image PNG bytes by parameter name (the signature or seal image)
     */
    public static SignatureAppearance build(String preset, Function<String, String> param,
                                            Function<String, byte[]> image, Instant signingTime) {
        act(preset);
        return switch (preset) {
            case "invisible" -> SignatureAppearance.INVISIBLE;
            case "approve" -> approve(param, image.apply("image"), signingTime);
            case "initial" -> Presets.initial(png(image, "image"), new SignaturePosition
                    .AfterText(required(param, "afterText"), number(param, "widthMm", 15)));
            case "copy" -> Presets.copy(copyForm(param.apply("copyForm")), required(param, "organisation"),
                    param.apply("copyNumber"), param.apply("place"),
                    param.apply("copyDate") == null ? null : issueDate(param.apply("copyDate"), signingTime),
                    signingTime);
            case "attachment" -> Presets.attachment(required(param, "documentNumber"), signingTime);
            case "incoming" -> Presets.incoming(required(param, "organisation"), param.apply("numberIn"),
                    signingTime, param.apply("forwardTo"), param.apply("fileNumber"));
            case "digitised" -> Presets.digitised(png(image, "image"), number(param, "sealWidthMm", 36),
                    required(param, "organisation"), signingTime);
            case "issue" -> Presets.issue(png(image, "image"), number(param, "sealWidthMm", 36),
                    new SealTarget.LatestSignature(), List.of(
                            new DocumentNumber(required(param, "documentNumber"), param.apply("numberLabel")),
                            new IssueDate(issueDate(param.apply("issueDate"), signingTime),
                                    param.apply("dateLabel"))));
            default -> throw new IllegalStateException(preset);
        };
    }

    /** An official without a scanned signature still approves: a text stamp takes the image's place. */
    private static SignatureAppearance approve(Function<String, String> param, byte[] image, Instant signingTime) {
        String titleLine = required(param, "titleLine");
        String nameLine = required(param, "nameLine");
        if (image != null) {
            return Presets.approve(StampImage.png(image), titleLine, nameLine);
        }
        String signer = param.apply("signerName");
        String title = param.apply("title");
        return Presets.approveWithText(titleLine, nameLine, signer == null ? nameLine : signer,
                title == null ? titleLine : title, signingTime);
    }

    private static LocalDate issueDate(String given, Instant signingTime) {
        try {
            return IssueDate.parse(given, signingTime);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static StampImage png(Function<String, byte[]> image, String name) {
        byte[] bytes = image.apply(name);
        if (bytes == null) {
            throw invalid(name + " (a transparent PNG) is required for this preset");
        }
        return StampImage.png(bytes);
    }

    private static CopyForm copyForm(String value) {
        try {
            return value == null ? CopyForm.SAO_Y : CopyForm.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw invalid("copyForm must be SAO_Y, SAO_LUC or TRICH_SAO");
        }
    }

    private static double number(Function<String, String> param, String name, double fallback) {
        String value = param.apply(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a number");
        }
    }

    private static String required(Function<String, String> param, String name) {
        String value = param.apply(name);
        if (value == null || value.isBlank()) {
            throw invalid(name + " is required for this preset");
        }
        return value;
    }

    private static KysoException invalid(String what) {
        return new KysoException(RequestError.INVALID_PARAMS, Map.of(), null, what);
    }
}
