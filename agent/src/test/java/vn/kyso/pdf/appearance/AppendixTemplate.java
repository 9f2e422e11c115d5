package vn.kyso.pdf.appearance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * A one-page văn bản laid out as Nghị định 30/2020, Phụ lục I shows it — tên cơ quan and quốc hiệu, "Số:" with the
 * ký hiệu, place and date, tên loại and trích yếu (or "V/v" and "Kính gửi" for a công văn), body, "Nơi nhận" and
 * the signer block — with the blanks a document system leaves for the văn thư, drawn as spaces, dots or
 * underscores, in the font size the template chooses.
 *
 * @param kind        tên loại ("QUYẾT ĐỊNH"); null for a công văn, which has none
 * @param kyHieu      the ký hiệu printed after the number's blank ("/QĐ-UBND")
 * @param blank       how the blanks are drawn
 * @param size        the size of the number and date lines (13–14 pt as the Appendix asks; 12 to test scaling)
 * @param yearPrinted whether "năm 2026" is printed or left blank
 * @param titleLines  the signer block's title lines ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
 * @param name        the signer's name under the signature space
 */
record AppendixTemplate(String file, String kind, String summary, String kyHieu, Blank blank, float size,
                        boolean yearPrinted, List<String> titleLines, String name) {

    enum Blank {
        SPACES(" ", 10, 8), DOTS(".", 8, 5), UNDERSCORES("_", 5, 4);

        final String glyph;
        final int numberCount;
        final int dateCount;

        Blank(String glyph, int numberCount, int dateCount) {
            this.glyph = glyph;
            this.numberCount = numberCount;
            this.dateCount = dateCount;
        }

        String number() {
            return glyph.repeat(numberCount);
        }

        /** A date blank: spaces are the blank; dots and underscores sit between a space on each side. */
        String date() {
            return this == SPACES ? glyph.repeat(dateCount) : " " + glyph.repeat(dateCount) + " ";
        }
    }

    static final String PLACE = "Bắc Ninh,";
    static final float LEFT_CENTRE = 175;
    static final float RIGHT_CENTRE = 410;
    static final float NUMBER_Y = 712;
    static final float TITLE_Y = 330;
    /** About 30 mm between the last title line and the name, as signer blocks leave for the signature. */
    static final float NAME_DROP = 85;

    /** The last title line: the signature goes between it and the name. */
    String lastTitle() {
        return titleLines.get(titleLines.size() - 1);
    }

    String numberLine() {
        return "Số:" + (blank == Blank.SPACES ? "" : " ") + blank.number() + kyHieu;
    }

    String dateLine() {
        return PLACE + " ngày" + blank.date() + "tháng" + blank.date() + "năm" + (yearPrinted ? " 2026"
                : blank == Blank.SPACES ? "" : blank.date().stripTrailing());
    }

    byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFont font;
            try (InputStream in = AppendixTemplate.class.getResourceAsStream(StampFont.RESOURCE)) {
                font = PDType0Font.load(document, in, true);
            }
            // Bold and italic as producers synthesise them (stroked, slanted): the system's Liberation Bold and
            // Italic may lack Vietnamese letters, and measuring must work on such text anyway.
            Style regular = new Style(font, false, false);
            Style bold = new Style(font, true, false);
            Style italic = new Style(font, false, true);
            try (PDPageContentStream c = new PDPageContentStream(document, page)) {
                centred(c, bold, 13, LEFT_CENTRE, 790, "ỦY BAN NHÂN DÂN");
                centred(c, bold, 13, LEFT_CENTRE, 774, kind != null && kyHieu.endsWith("SNV") ? "SỞ NỘI VỤ"
                        : "TỈNH BẮC NINH");
                centred(c, bold, 12, RIGHT_CENTRE, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                centred(c, bold, 13, RIGHT_CENTRE, 774, "Độc lập - Tự do - Hạnh phúc");
                centred(c, regular, size, LEFT_CENTRE, NUMBER_Y, numberLine());
                centred(c, italic, size, RIGHT_CENTRE, NUMBER_Y, dateLine());
                float y;
                if (kind == null) {
                    centred(c, regular, 12, LEFT_CENTRE, NUMBER_Y - 18, "V/v " + summary);
                    centred(c, regular, 14, 300, 640, "Kính gửi: Các sở, ban, ngành tỉnh");
                    y = 600;
                } else {
                    centred(c, bold, 14, 300, 650, kind);
                    centred(c, bold, 14, 300, 632, summary);
                    y = 590;
                }
                for (String text : body()) {
                    left(c, regular, 13, 100, y, text);
                    y -= 20;
                }
                left(c, bold, 12, 85, TITLE_Y, "Nơi nhận:");
                left(c, regular, 11, 85, TITLE_Y - 14, "- Như trên;");
                left(c, regular, 11, 85, TITLE_Y - 27, "- Lưu: VT.");
                float titleY = TITLE_Y;
                for (String title : titleLines) {
                    centred(c, bold, 13, RIGHT_CENTRE + 20, titleY, title);
                    titleY -= 16;
                }
                centred(c, bold, 13, RIGHT_CENTRE + 20, titleY + 16 - NAME_DROP, name);
                if ("BIÊN BẢN".equals(kind)) {
                    // A biên bản is signed by the secretary and the chair side by side.
                    centred(c, bold, 13, LEFT_CENTRE + 20, TITLE_Y - 60, "THƯ KÝ");
                    centred(c, bold, 13, LEFT_CENTRE + 20, TITLE_Y - 60 - NAME_DROP + 16, "Trần Thị Bình");
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Where the name line's baseline is. */
    float nameY() {
        return TITLE_Y - 16 * (titleLines.size() - 1) - NAME_DROP;
    }

    private List<String> body() {
        List<String> lines = new ArrayList<>();
        lines.add("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ;");
        lines.add("Căn cứ Luật Giao dịch điện tử số 20/2023/QH15;");
        lines.add("Nội dung " + (kind == null ? "công văn" : kind.toLowerCase(java.util.Locale.ROOT))
                + " theo mẫu tại Phụ lục I./.");
        return lines;
    }

    private record Style(PDFont font, boolean bold, boolean italic) {
    }

    private static void centred(PDPageContentStream c, Style style, float size, float centre, float y, String text)
            throws IOException {
        float width = style.font().getStringWidth(text) / 1000f * size;
        left(c, style, size, centre - width / 2, y, text);
    }

    private static void left(PDPageContentStream c, Style style, float size, float x, float y, String text)
            throws IOException {
        c.beginText();
        c.setFont(style.font(), size);
        c.setRenderingMode(style.bold() ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
        c.setLineWidth(0.4f);
        c.setTextMatrix(new Matrix(1, 0, style.italic() ? 0.2f : 0, 1, x, y));
        c.showText(text);
        c.endText();
    }

    /** The eight layouts of the proof, each with its own blank style, signer block and sizes. */
    static List<AppendixTemplate> eight() {
        return List.of(
                new AppendixTemplate("quyet-dinh", "QUYẾT ĐỊNH", "Về việc phê duyệt kế hoạch chuyển đổi số",
                        "/QĐ-UBND", Blank.DOTS, 13, true, List.of("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Nguyễn Văn An"),
                new AppendixTemplate("cong-van", null, "triển khai chữ ký số chuyên dùng", "/UBND-VP", Blank.SPACES,
                        13, false, List.of("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), "Lê Văn Cường"),
                new AppendixTemplate("to-trinh", "TỜ TRÌNH", "Về việc ban hành quy chế văn thư", "/TTr-SNV",
                        Blank.UNDERSCORES, 14, true, List.of("Q. GIÁM ĐỐC"), "Phạm Thị Dung"),
                new AppendixTemplate("bao-cao", "BÁO CÁO", "Kết quả công tác văn thư năm 2026", "/BC-UBND",
                        Blank.DOTS, 12, false, List.of("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), "Hoàng Văn Em"),
                new AppendixTemplate("thong-bao", "THÔNG BÁO", "Kết luận của Chủ tịch UBND tỉnh", "/TB-UBND",
                        Blank.SPACES, 13, true, List.of("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"), "Vũ Thị Giang"),
                new AppendixTemplate("ke-hoach", "KẾ HOẠCH", "Chuyển đổi số tỉnh Bắc Ninh", "/KH-UBND",
                        Blank.UNDERSCORES, 13, false, List.of("CHỦ TỊCH"), "Đặng Văn Hùng"),
                new AppendixTemplate("giay-moi", "GIẤY MỜI", "Dự hội nghị tập huấn chữ ký số", "/GM-SNV",
                        Blank.DOTS, 13, true, List.of("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), "Bùi Thị Khánh"),
                new AppendixTemplate("bien-ban", "BIÊN BẢN", "Họp Ban chỉ đạo chuyển đổi số", "/BB-UBND",
                        Blank.SPACES, 13, false, List.of("CHỦ TRÌ"), "Ngô Văn Long"));
    }
}
