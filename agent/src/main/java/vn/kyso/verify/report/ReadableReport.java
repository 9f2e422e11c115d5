package vn.kyso.verify.report;

import static vn.kyso.verify.report.ReportWording.pick;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import vn.kyso.errors.Language;
import vn.kyso.verify.DocumentReport;
import vn.kyso.verify.Indication;
import vn.kyso.verify.SignatureReport;

/**
 * The verifier's report in words, shared by the text, PDF and HTML renderings so all three say the same thing.
 *
 * @param documentProblem why the document could not be verified at all, else null
 */
public record ReadableReport(Language language, Verdict verdict, Instant verifiedAt, String documentProblem,
                             List<ReadableSignature> signatures) {

    public ReadableReport {
        signatures = List.copyOf(signatures);
    }

    public static ReadableReport of(DocumentReport report, Language lang) {
        return of(report, lang, SignedContent.NONE);
    }

    /** With what each signature signs (XML's signed parts and e-invoice, JSON's values) as rows of its own. */
    public static ReadableReport of(DocumentReport report, Language lang, SignedContent content) {
        List<ReadableSignature> signatures = new ArrayList<>();
        for (int i = 0; i < report.signatures().size(); i++) {
            ReadableSignature signature = SignatureWording.of(report.signatures().get(i), i + 1, lang);
            List<ReadableSignature.Row> rows = new ArrayList<>(signature.rows());
            rows.addAll(content.rowsFor(i));
            signatures.add(new ReadableSignature(signature.title(), signature.indication(), signature.verdict(),
                    rows));
        }
        String problem = report.error() == null ? null
                : capitalised(ReportWording.documentError(report.error(), report.errorDetail(), lang)) + ". ("
                + pick(lang, "mã lỗi: ", "code: ") + report.error().code() + ")";
        return new ReadableReport(lang, verdict(report, lang), report.verifiedAt(), problem, signatures);
    }

    /** "Kết luận: HỢP LỆ — Có thể tiếp nhận…", the first line of every rendering. */
    public String verdictLine() {
        return pick(language, "Kết luận: ", "Verdict: ") + verdict.headline() + " — " + verdict.action();
    }

    private static Verdict verdict(DocumentReport report, Language lang) {
        Verdict.Kind kind = Verdict.Kind.of(report.indication());
        String headline = report.indication().text(lang).toUpperCase(lang == Language.VI
                ? java.util.Locale.forLanguageTag("vi") : java.util.Locale.ROOT);
        if (kind == Verdict.Kind.ACCEPT) {
            int n = report.signatures().size();
            return new Verdict(kind, headline, n == 1
                    ? pick(lang, "Có thể tiếp nhận: chữ ký hợp lệ, văn bản nguyên vẹn.",
                    "Can be accepted: the signature is valid and the document intact.")
                    : pick(lang, "Có thể tiếp nhận: cả " + n + " chữ ký đều hợp lệ, văn bản nguyên vẹn.",
                    "Can be accepted: all " + n + " signatures are valid and the document intact."));
        }
        String start = kind == Verdict.Kind.REFUSE ? pick(lang, "Từ chối tiếp nhận: ", "Refuse: ")
                : pick(lang, "Chưa đủ căn cứ: ", "Not enough to decide: ");
        if (report.error() != null) {
            return new Verdict(kind, headline, start + ReportWording.documentError(report.error(), null, lang) + "."
                    + (kind == Verdict.Kind.REFUSE ? "" : pick(lang,
                    " Đề nghị nơi gửi gửi lại bản đã ký số, không đặt mật khẩu.",
                    " Ask the sender for a signed copy without a password.")));
        }
        List<String> reasons = new ArrayList<>();
        String advice = null;
        for (int i = 0; i < report.signatures().size(); i++) {
            SignatureReport s = report.signatures().get(i);
            if (s.indication() == Indication.TOTAL_PASSED || s.subIndication() == null) {
                continue;
            }
            String who = s.signer() != null && s.signer().name() != null ? " (" + s.signer().name() + ")" : "";
            reasons.add((s.documentTimestamp() ? pick(lang, "dấu thời gian văn bản ", "document timestamp ")
                    : pick(lang, "chữ ký ", "signature ")) + (i + 1) + who + " — "
                    + ReportWording.shortReason(s.subIndication(), lang));
            if (advice == null && kind == Verdict.Kind.UNDECIDED) {
                advice = ReportWording.advice(s.subIndication(), lang);
            }
        }
        return new Verdict(kind, headline, start + String.join("; ", reasons) + "."
                + (advice == null ? "" : " " + capitalised(advice) + "."));
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
