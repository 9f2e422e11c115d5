package vn.kyso.pdf.appearance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vn.kyso.pdf.SignatureAppearance;

/**
 * The visible signatures of each workflow of Nghị định 30/2020 (Phụ lục I), ready to hand to the PAdES engine.
 * Text is Liberation Serif (Times New Roman metrics), size 10, black, upright; times are ISO 8601 at +07:00.
 */
public final class Presets {

    /** Default widest approve signature image: about the width of the name line under it. */
    public static final double APPROVE_MAX_WIDTH_MM = 45;

    private Presets() {
    }

    /** Ký phê duyệt: the official's handwritten signature image, no text. */
    public static SignatureAppearance approve(StampImage signature, SignaturePosition position) {
        return new PersonalSignatureStamp(signature, position);
    }

    /**
     * Ký phê duyệt in the signature block: between {@code titleLine} (e.g. "KT. CHỦ TỊCH") and the signer's
     * {@code nameLine}; see {@link SignaturePosition.BetweenLines} for the offset rule.
     */
    public static SignatureAppearance approve(StampImage signature, String titleLine, String nameLine) {
        return approve(signature, new SignaturePosition.BetweenLines(titleLine, nameLine, APPROVE_MAX_WIDTH_MM));
    }

    /**
     * Ký phê duyệt without a signature image: a framed text stamp ("Đã ký: name", title, signing time) in the same
     * place between {@code titleLine} and {@code nameLine}.
     */
    public static SignatureAppearance approveWithText(String titleLine, String nameLine, String signerName,
                                                      String title, Instant signingTime) {
        return new ApprovalTextStamp(titleLine, nameLine, signerName, title, signingTime);
    }

    /** Ký nháy / ký kiểm tra: a small personal signature, e.g. {@code new AfterText("./.", 15)} or a margin rectangle. */
    public static SignatureAppearance initial(StampImage signature, SignaturePosition position) {
        return new PersonalSignatureStamp(signature, position);
    }

    /**
     * Ký phát hành: the organisation's red seal, {@code sealWidthMm} wide as on paper, over the left third of the
     * official's signature, with the clerk's số/ký hiệu and ngày ban hành as companion annotations.
     */
    public static SignatureAppearance issue(StampImage seal, double sealWidthMm, SealTarget target,
            List<? extends Companion> companions) {
        return new IssueStamp(seal, sealWidthMm, target, companions);
    }

    /** Bản sao điện tử: form of copy, copying organisation and signing time, top right of page 1; no image. */
    public static SignatureAppearance copy(CopyForm form, String copyingOrganisation, Instant signingTime) {
        return copy(form, copyingOrganisation, null, null, null, signingTime);
    }

    /**
     * Bản sao điện tử with the copy's own particulars in the order the Appendix's copy form lays them out: the form
     * ("SAO Y"), the copying organisation, "Số: 05/SY-UBND" (the copy's number and ký hiệu), "Bắc Ninh, ngày 02 tháng
     * 12 năm 2026" (place and date of copying), then the signing time. Number, place and date may each be null when
     * the organisation does not number its copies; the date defaults to the signing date when a place is given.
     */
    public static SignatureAppearance copy(CopyForm form, String copyingOrganisation, String copyNumber, String place,
                                           LocalDate date, Instant signingTime) {
        List<String> lines = new ArrayList<>(List.of(form.label(), copyingOrganisation.strip()));
        if (copyNumber != null && !copyNumber.isBlank()) {
            lines.add(DocumentNumber.DEFAULT_LABEL + " " + copyNumber.strip());
        }
        if (place != null && !place.isBlank()) {
            String placeText = place.strip().endsWith(",") ? place.strip() : place.strip() + ",";
            lines.add(placeText + " " + StampTime.issueDate(date != null ? date
                    : LocalDate.ofInstant(signingTime, StampTime.VIETNAM)));
        }
        lines.add(StampTime.iso(signingTime));
        return new CornerStamp(lines, Optional.empty(), 0);
    }

    /** Văn bản kèm theo in a separate file: số và ký hiệu of the main document and signing time, top right of page 1. */
    public static SignatureAppearance attachment(String documentNumber, Instant signingTime) {
        return new CornerStamp(List.of(documentNumber, StampTime.iso(signingTime)), Optional.empty(), 0);
    }

    /** Số hóa văn bản giấy: the red seal image, organisation name and signing time, top right of page 1. */
    public static SignatureAppearance digitised(StampImage seal, double sealWidthMm, String organisation,
            Instant signingTime) {
        return new CornerStamp(List.of(organisation, StampTime.iso(signingTime)), Optional.of(seal), sealWidthMm);
    }

    /**
     * The incoming stamp (dấu "ĐẾN", Nghị định 30/2020, Phụ lục IV): 50 × 35 mm, top right of page 1 — the receiving
     * organisation, "ĐẾN" boxed beside the số đến, the day and time received, then "Chuyển" (where the document goes
     * next) and "Số và ký hiệu HS" (the file it joins). Values may be null while the văn thư has not assigned them;
     * their labels stay, followed by dots, as on the paper stamp.
     */
    public static SignatureAppearance incoming(String organisation, String numberIn, Instant receivedAt,
                                               String forwardTo, String fileNumber) {
        return new IncomingStamp(organisation, numberIn, receivedAt, forwardTo, fileNumber);
    }

    /** The incoming stamp without the file's number yet. */
    public static SignatureAppearance incoming(String organisation, String numberIn, Instant receivedAt,
                                               String forwardTo) {
        return incoming(organisation, numberIn, receivedAt, forwardTo, null);
    }

    /** The "Ký bởi / Email / Cơ quan / Thời gian ký" block at the top right of page 1. */
    public static SignatureAppearance signerInfo(SignerBlock info) {
        return new CornerStamp(info.lines(), Optional.empty(), 0);
    }

    /** No visible trace (the engine then adds no widget rectangle). */
    public static SignatureAppearance invisible() {
        return SignatureAppearance.INVISIBLE;
    }
}
