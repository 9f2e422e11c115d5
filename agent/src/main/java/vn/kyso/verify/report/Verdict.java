package vn.kyso.verify.report;

import vn.kyso.verify.Indication;

/**
 * What the văn thư should do with the document, derived from the overall indication.
 *
 * @param headline the indication in capitals ("HỢP LỆ")
 * @param action   the sentence that starts with the decision: "Có thể tiếp nhận…", "Từ chối tiếp nhận: …",
 *                 "Chưa đủ căn cứ: …"
 */
public record Verdict(Kind kind, String headline, String action) {

    /** Accept (green), refuse (red), or not enough to decide (amber). */
    public enum Kind {
        ACCEPT, REFUSE, UNDECIDED;

        static Kind of(Indication indication) {
            return switch (indication) {
                case TOTAL_PASSED -> ACCEPT;
                case TOTAL_FAILED -> REFUSE;
                case INDETERMINATE -> UNDECIDED;
            };
        }
    }
}
