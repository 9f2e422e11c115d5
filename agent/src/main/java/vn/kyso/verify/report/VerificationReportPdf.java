package vn.kyso.verify.report;

import static vn.kyso.verify.report.ReportWording.pick;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

import vn.kyso.errors.Language;
import vn.kyso.verify.DocumentReport;

/**
 * The printable report: one A4 page a văn thư can print, file or attach when refusing a document — title, the
 * document's name and SHA-256, when it was checked, the verdict in large coloured type, then a table per signature.
 * Rows wrap; a second page is started only when the next row does not fit.
 */
public final class VerificationReportPdf {

    private static final float LABEL_WIDTH = 120f;
    private static final float CELL_PAD = 4f;
    private static final float SIZE = 9f;
    private static final float LEADING = 11f;

    private VerificationReportPdf() {
    }

    /**
     * @param fileName   the checked file's name as the user knows it (shown, never opened)
     * @param fileSha256 hex SHA-256 of the checked file, so the printout names exactly which bytes were checked
     */
    public static byte[] render(DocumentReport report, String fileName, String fileSha256, Language lang) {
        return render(report, fileName, fileSha256, lang, SignedContent.NONE);
    }

    /** @param content what each signature signs (XML, JSON), shown in its table */
    public static byte[] render(DocumentReport report, String fileName, String fileSha256, Language lang,
                                SignedContent content) {
        ReadableReport readable = ReadableReport.of(report, lang, content);
        try (PDDocument document = new PDDocument()) {
            PdfFont font = PdfFont.load(document);
            try (PdfPages pages = new PdfPages(document, font)) {
                header(pages, readable, fileName, fileSha256, lang);
                verdict(pages, readable);
                if (readable.documentProblem() != null) {
                    pages.lines(font.wrap(readable.documentProblem(), 10, PdfPages.WIDTH), PdfPages.MARGIN, 10, 12.5f,
                            Color.BLACK, false);
                    pages.down(6);
                }
                for (ReadableSignature signature : readable.signatures()) {
                    signature(pages, signature, lang);
                }
                pages.footers(SoftwareVersion.text() + pick(lang, " — phần mềm ký và kiểm tra chữ ký số",
                        " — signing and verification software"), pick(lang, "Trang", "Page"));
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title(lang) + (fileName == null ? "" : " — " + fileName));
            info.setCreator(SoftwareVersion.text());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the report PDF", e);
        }
    }

    static String title(Language lang) {
        return pick(lang, "KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ", "DIGITAL SIGNATURE VERIFICATION REPORT");
    }

    private static void header(PdfPages pages, ReadableReport readable, String fileName, String fileSha256,
                               Language lang) throws IOException {
        pages.centred(title(lang), 16, Color.BLACK, true);
        pages.down(4);
        info(pages, pick(lang, "Tệp văn bản", "Document"), fileName == null ? "-" : fileName);
        info(pages, "SHA-256", fileSha256 == null ? "-" : fileSha256);
        if (readable.verifiedAt() != null) {
            info(pages, pick(lang, "Thời điểm kiểm tra", "Checked at"), ReportTime.format(readable.verifiedAt()));
        }
        info(pages, pick(lang, "Phần mềm kiểm tra", "Checked with"), SoftwareVersion.text());
        pages.down(6);
    }

    private static void info(PdfPages pages, String label, String value) throws IOException {
        PdfFont font = pages.font();
        float top = pages.y();
        pages.text(font.printable(label + ":"), PdfPages.MARGIN, top - 10, 10, Color.DARK_GRAY, false);
        pages.lines(font.wrap(value, 10, PdfPages.WIDTH - LABEL_WIDTH), PdfPages.MARGIN + LABEL_WIDTH, 10, 12.5f,
                Color.BLACK, false);
    }

    /** A solid band in the verdict colour with the headline large and the action below it, both in white. */
    private static void verdict(PdfPages pages, ReadableReport readable) throws IOException {
        PdfFont font = pages.font();
        float inner = PdfPages.WIDTH - 2 * 10;
        List<String> action = font.wrap(readable.verdict().action(), 11.5f, inner);
        float height = 10 + 22 + 4 + action.size() * 14 + 8;
        pages.ensure(height);
        float top = pages.y();
        pages.fill(PdfPages.MARGIN, top, PdfPages.WIDTH, height, ReportColours.of(readable.verdict().kind()));
        pages.down(10);
        pages.text(font.printable(readable.verdict().headline()), PdfPages.MARGIN + 10, pages.y() - 20, 22,
                Color.WHITE, true);
        pages.down(26);
        pages.lines(action, PdfPages.MARGIN + 10, 11.5f, 14, Color.WHITE, false);
        pages.moveTo(top - height - 10);
    }

    private static void signature(PdfPages pages, ReadableSignature signature, Language lang) throws IOException {
        List<ReadableSignature.Row> rows = signature.rows();
        float first = rows.isEmpty() ? 0 : rowHeight(pages.font(), rows.get(0));
        pages.ensure(18 + first);
        titleBar(pages, signature.title(), signature);
        for (ReadableSignature.Row row : rows) {
            float height = rowHeight(pages.font(), row);
            if (pages.ensure(height)) {
                titleBar(pages, signature.title() + pick(lang, " (tiếp)", " (continued)"), signature);
            }
            row(pages, row, height);
        }
        pages.down(8);
    }

    private static void titleBar(PdfPages pages, String title, ReadableSignature signature) throws IOException {
        PdfFont font = pages.font();
        float top = pages.y();
        pages.fill(PdfPages.MARGIN, top, PdfPages.WIDTH, 18, ReportColours.HEADER);
        pages.frame(PdfPages.MARGIN, top, PdfPages.WIDTH, 18, ReportColours.GRID);
        String verdict = font.printable(signature.verdict().toUpperCase(java.util.Locale.ROOT));
        float verdictWidth = font.width(verdict, 10.5f);
        List<String> titleLines = font.wrap(title, 10.5f, PdfPages.WIDTH - verdictWidth - 3 * CELL_PAD);
        String shown = titleLines.get(0) + (titleLines.size() > 1 ? "…" : "");
        pages.text(font.printable(shown), PdfPages.MARGIN + CELL_PAD, top - 13, 10.5f, Color.BLACK, true);
        pages.text(verdict, PdfPages.MARGIN + PdfPages.WIDTH - CELL_PAD - verdictWidth, top - 13, 10.5f,
                ReportColours.of(signature.indication()), true);
        pages.down(18);
    }

    private static float rowHeight(PdfFont font, ReadableSignature.Row row) {
        int lines = Math.max(font.wrap(row.label(), SIZE, LABEL_WIDTH - 2 * CELL_PAD).size(),
                font.wrap(row.value(), SIZE, PdfPages.WIDTH - LABEL_WIDTH - 2 * CELL_PAD).size());
        return lines * LEADING + 2 * CELL_PAD - 2;
    }

    private static void row(PdfPages pages, ReadableSignature.Row row, float height) throws IOException {
        PdfFont font = pages.font();
        float top = pages.y();
        float left = PdfPages.MARGIN;
        pages.frame(left, top, PdfPages.WIDTH, height, ReportColours.GRID);
        pages.line(left + LABEL_WIDTH, top, left + LABEL_WIDTH, top - height, ReportColours.GRID);
        pages.down(CELL_PAD - 1);
        float textTop = pages.y();
        pages.lines(font.wrap(row.label(), SIZE, LABEL_WIDTH - 2 * CELL_PAD), left + CELL_PAD, SIZE, LEADING,
                Color.DARK_GRAY, false);
        pages.moveTo(textTop);
        pages.lines(font.wrap(row.value(), SIZE, PdfPages.WIDTH - LABEL_WIDTH - 2 * CELL_PAD),
                left + LABEL_WIDTH + CELL_PAD, SIZE, LEADING, valueColour(row.value()), false);
        pages.moveTo(top - height);
    }

    /** Values that announce a failure are set in red so the eye finds them on a printed page. */
    private static Color valueColour(String value) {
        return value.startsWith("KHÔNG") || value.startsWith("NO ") || value.startsWith("NOT ")
                || value.startsWith("ĐÃ BỊ THU HỒI") || value.startsWith("Revoked") ? ReportColours.RED : Color.BLACK;
    }
}
