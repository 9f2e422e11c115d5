package vn.kyso.verify.report;

import static vn.kyso.verify.report.ReportWording.pick;

import vn.kyso.errors.Language;
import vn.kyso.verify.DocumentReport;

/**
 * The report as one self-contained HTML page (inline CSS, no scripts, no external resources). Names, organisations,
 * field names and details come from the checked document and are attacker-controlled: every value is escaped, and
 * a Content-Security-Policy forbids scripts should anything ever slip through.
 */
public final class VerificationReportHtml {

    private static final String CSS = """
            body{font-family:"Times New Roman","Liberation Serif",serif;max-width:48em;margin:2em auto;color:#111}
            h1{text-align:center;font-size:1.4em}
            dl{display:grid;grid-template-columns:11em 1fr;gap:.2em .8em}dt{color:#555}dd{margin:0;word-break:break-all}
            .verdict{color:#fff;padding:.6em 1em;margin:1em 0}
            .verdict strong{display:block;font-size:1.8em}
            table{border-collapse:collapse;width:100%;margin:1em 0}
            th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#eee}td.label{width:11em;color:#444}
            footer{font-size:.8em;color:#555;margin-top:2em}
            @media print{body{margin:0}}
            """;

    private VerificationReportHtml() {
    }

    /** Same arguments as {@link VerificationReportPdf#render}. */
    public static String render(DocumentReport report, String fileName, String fileSha256, Language lang) {
        return render(report, fileName, fileSha256, lang, SignedContent.NONE);
    }

    /** Same arguments as {@link VerificationReportPdf#render(DocumentReport, String, String, Language, SignedContent)}. */
    public static String render(DocumentReport report, String fileName, String fileSha256, Language lang,
                                SignedContent content) {
        ReadableReport readable = ReadableReport.of(report, lang, content);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"").append(lang.code()).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<title>").append(escape(VerificationReportPdf.title(lang))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(VerificationReportPdf.title(lang))).append("</h1>\n<dl>\n");
        info(html, pick(lang, "Tệp văn bản", "Document"), fileName);
        info(html, "SHA-256", fileSha256);
        if (readable.verifiedAt() != null) {
            info(html, pick(lang, "Thời điểm kiểm tra", "Checked at"), ReportTime.format(readable.verifiedAt()));
        }
        info(html, pick(lang, "Phần mềm kiểm tra", "Checked with"), SoftwareVersion.text());
        html.append("</dl>\n<div class=\"verdict\" style=\"background:")
                .append(ReportColours.hex(ReportColours.of(readable.verdict().kind()))).append("\"><strong>")
                .append(escape(readable.verdict().headline())).append("</strong>")
                .append(escape(readable.verdict().action())).append("</div>\n");
        if (readable.documentProblem() != null) {
            html.append("<p>").append(escape(readable.documentProblem())).append("</p>\n");
        }
        for (ReadableSignature signature : readable.signatures()) {
            html.append("<table>\n<tr><th colspan=\"2\">").append(escape(signature.title()))
                    .append(" — <span style=\"color:").append(ReportColours.hex(ReportColours.of(signature.indication())))
                    .append("\">").append(escape(signature.verdict())).append("</span></th></tr>\n");
            for (ReadableSignature.Row row : signature.rows()) {
                html.append("<tr><td class=\"label\">").append(escape(row.label())).append("</td><td>")
                        .append(escape(row.value())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<footer>").append(escape(SoftwareVersion.text())).append("</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void info(StringBuilder html, String label, String value) {
        html.append("<dt>").append(escape(label)).append("</dt><dd>").append(escape(value == null ? "-" : value))
                .append("</dd>\n");
    }

    /** Text and attribute-safe: the five HTML metacharacters, and control characters dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (!Character.isISOControl(cp) || cp == '\n' || cp == '\t') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
