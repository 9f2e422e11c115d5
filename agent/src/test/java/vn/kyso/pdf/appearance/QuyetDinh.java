package vn.kyso.pdf.appearance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A one-page Vietnamese "Quyết định" in the layout of Nghị định 30/2020, with known coordinates: a CropBox inset
 * from the A4 MediaBox (so code that ignores the CropBox misplaces corner stamps) and an optional /Rotate.
 */
final class QuyetDinh {

    static final PDRectangle CROP_BOX = new PDRectangle(20, 30, 555, 782);
    static final float TEXT_SIZE = 13;
    static final float TITLE_X = 360;
    static final float TITLE_Y = 250;
    static final float DEPUTY_Y = 236;
    static final float NAME_X = 368;
    static final float NAME_Y = 150;
    static final float NUMBER_LABEL_X = 60;
    static final float NUMBER_LABEL_Y = 700;

    private QuyetDinh() {
    }

    /** The PDF bytes of the page; {@code nameY} moves the name line (to squeeze the signature space). */
    static byte[] pdf(int rotation, float nameY) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            page.setCropBox(CROP_BOX);
            page.setRotation(rotation);
            document.addPage(page);
            PDType0Font font;
            try (InputStream in = QuyetDinh.class.getResourceAsStream(StampFont.RESOURCE)) {
                font = PDType0Font.load(document, in, true);
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                line(content, font, 60, 740, "ỦY BAN NHÂN DÂN");
                line(content, font, 300, 740, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                line(content, font, 70, 725, "TỈNH BẮC NINH");
                line(content, font, 330, 725, "Độc lập - Tự do - Hạnh phúc");
                line(content, font, NUMBER_LABEL_X, NUMBER_LABEL_Y, "Số:");
                line(content, font, 330, NUMBER_LABEL_Y, "Bắc Ninh,");
                line(content, font, 250, 650, "QUYẾT ĐỊNH");
                line(content, font, 150, 630, "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026");
                line(content, font, 80, 590, "Căn cứ Luật Tổ chức chính quyền địa phương;");
                line(content, font, 80, 570, "Căn cứ Nghị định số 30/2020/NĐ-CP về công tác văn thư;");
                line(content, font, 80, 550, "Điều 1. Phê duyệt kế hoạch kèm theo Quyết định này./.");
                line(content, font, 60, 280, "Nơi nhận:");
                line(content, font, TITLE_X, TITLE_Y, "KT. CHỦ TỊCH");
                line(content, font, TITLE_X, DEPUTY_Y, "PHÓ CHỦ TỊCH");
                line(content, font, NAME_X, nameY, "Nguyễn Văn An");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] pdf(int rotation) throws IOException {
        return pdf(rotation, NAME_Y);
    }

    static PDDocument load(byte[] pdf) throws IOException {
        return Loader.loadPDF(pdf);
    }

    private static void line(PDPageContentStream content, PDType0Font font, float x, float y, String text)
            throws IOException {
        content.beginText();
        content.setFont(font, TEXT_SIZE);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
