package vn.kyso.verify.report;

import vn.kyso.errors.Language;
import vn.kyso.verify.DocumentReport;

/**
 * The readable report, Vietnamese by default: the verdict and what to do first, then every signature in words a
 * văn thư can act on (times in Vietnam time, no codes except the error code kept in parentheses for IT).
 */
public final class ReportText {

    private ReportText() {
    }

    public static String render(DocumentReport report) {
        return render(report, Language.VI);
    }

    public static String render(DocumentReport report, Language lang) {
        boolean vi = lang == Language.VI;
        ReadableReport readable = ReadableReport.of(report, lang);
        StringBuilder out = new StringBuilder();
        out.append(readable.verdictLine()).append('\n');
        if (report.verifiedAt() != null) {
            out.append(vi ? "Thời điểm kiểm tra: " : "Checked at: ").append(ReportTime.format(report.verifiedAt()))
                    .append('\n');
        }
        if (readable.documentProblem() != null) {
            out.append(vi ? "Lỗi: " : "Error: ").append(readable.documentProblem()).append('\n');
        }
        for (ReadableSignature signature : readable.signatures()) {
            out.append('\n').append(signature.title()).append(": ").append(signature.verdict()).append('\n');
            for (ReadableSignature.Row row : signature.rows()) {
                out.append("  ").append(row.label()).append(": ").append(row.value()).append('\n');
            }
        }
        return out.toString();
    }
}
