package vn.kyso.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import vn.kyso.testpki.StampPngs;

/**
 * The demo document system's drafts: one-page Vietnamese official documents laid out as Nghị định 30/2020 shows them
 * (issuing body, national motto, "Số:" and place-and-date lines left blank for the clerk, the signer's title and name
 * with the blank between them for the signature), plus the signer's handwritten signature and the agency's seal as
 * transparent PNGs.
 */
public final class SampleDocuments {

    /** The bundled Times-compatible font the agent's stamps use. */
    private static final String FONT = "/vn/kyso/pdf/fonts/LiberationSerif-Regular.ttf";
    private static final float SIZE = 13;

    /** A draft as the document system lists it; {@code titleLine}/{@code nameLine} anchor the approval signature. */
    public record Draft(String id, String kind, String abbreviation, String subject, String titleLine, String deputyLine,
                        String nameLine, List<String> body) {

        public String fileName() {
            return id + ".pdf";
        }
    }

    public static final String AGENCY_PARENT = "UBND TỈNH NINH BÌNH";
    public static final String AGENCY = "SỞ KHOA HỌC VÀ CÔNG NGHỆ";
    /** The agency's name as the electronic-copy stamp writes it. */
    public static final String ORGANISATION = "Sở Khoa học và Công nghệ tỉnh Ninh Bình";
    /** The place before the issue date ("Ninh Bình, ngày … tháng … năm …"), the issue preset's anchor. */
    public static final String DATE_LABEL = "Ninh Bình,";
    public static final String NUMBER_LABEL = "Số:";

    public static final List<Draft> DRAFTS = List.of(
            new Draft("quyet-dinh-chuyen-doi-so", "QUYẾT ĐỊNH", "QĐ-SKHCN",
                    "Về việc phê duyệt Kế hoạch chuyển đổi số năm 2026", "GIÁM ĐỐC", null, "Nguyễn Văn An",
                    List.of("Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;",
                            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ",
                            "về công tác văn thư;",
                            "Theo đề nghị của Chánh Văn phòng Sở.",
                            "",
                            "Điều 1. Phê duyệt Kế hoạch chuyển đổi số năm 2026 của Sở (kèm theo).",
                            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                            "Điều 3. Chánh Văn phòng, Trưởng các phòng và đơn vị thuộc Sở chịu trách",
                            "nhiệm thi hành Quyết định này./.")),
            new Draft("cong-van-chu-ky-so", "CÔNG VĂN", "SKHCN-VP",
                    "V/v triển khai sử dụng chữ ký số chuyên dùng công vụ", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                    "Nguyễn Văn An",
                    List.of("Kính gửi: Các phòng, đơn vị thuộc Sở.",
                            "",
                            "Thực hiện Nghị định số 68/2024/NĐ-CP của Chính phủ quy định về chữ ký số",
                            "chuyên dùng công vụ, Sở Khoa học và Công nghệ đề nghị các phòng, đơn vị:",
                            "1. Sử dụng chữ ký số trên văn bản điện tử gửi, nhận qua hệ thống quản lý",
                            "văn bản từ ngày 01 tháng 01 năm 2026.",
                            "2. Bảo quản thiết bị lưu khóa bí mật (USB token), không giao cho người khác.",
                            "Đề nghị các đơn vị nghiêm túc thực hiện./.")),
            new Draft("thong-bao-lich-hop", "THÔNG BÁO", "TB-SKHCN",
                    "Lịch họp giao ban tháng 12 năm 2026", "GIÁM ĐỐC", null, "Nguyễn Văn An",
                    List.of("Sở Khoa học và Công nghệ thông báo lịch họp giao ban như sau:",
                            "Thời gian: 08 giờ 00, thứ Hai, ngày 07 tháng 12 năm 2026.",
                            "Địa điểm: Phòng họp tầng 3, trụ sở Sở.",
                            "Thành phần: Ban Giám đốc, Trưởng các phòng, đơn vị thuộc Sở.",
                            "Đề nghị các thành phần dự họp đúng giờ./.")));

    private SampleDocuments() {
    }

    /** Writes every draft and the two images into {@code directory} (overwriting). */
    public static void writeAll(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Draft draft : DRAFTS) {
            Files.write(directory.resolve(draft.fileName()), pdf(draft));
        }
        Files.write(directory.resolve("signature.png"), StampPngs.signature());
        Files.write(directory.resolve("seal.png"), StampPngs.seal());
    }

    public static Draft draft(String id) {
        return DRAFTS.stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
    }

    /** One A4 page in the layout of Phụ lục I, Nghị định 30/2020. */
    public static byte[] pdf(Draft draft) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(draft.kind() + " " + draft.subject());
            info.setAuthor(AGENCY);
            PDType0Font font;
            try (InputStream in = SampleDocuments.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("bundled font missing: " + FONT);
                }
                font = PDType0Font.load(document, in, true);
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                centred(content, font, 150, 780, AGENCY_PARENT);
                centred(content, font, 150, 765, AGENCY);
                centred(content, font, 400, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                centred(content, font, 400, 765, "Độc lập - Tự do - Hạnh phúc");
                line(content, font, 70, 735, NUMBER_LABEL);
                line(content, font, 310, 735, DATE_LABEL);
                centred(content, font, 297, 690, draft.kind());
                centred(content, font, 297, 672, draft.subject());
                float y = 635;
                for (String text : draft.body()) {
                    line(content, font, 70, y, text);
                    y -= 20;
                }
                line(content, font, 70, 300, "Nơi nhận:");
                line(content, font, 70, 286, "- Như trên;");
                line(content, font, 70, 272, "- Lưu: VT.");
                centred(content, font, 430, 300, draft.titleLine());
                if (draft.deputyLine() != null) {
                    centred(content, font, 430, 285, draft.deputyLine());
                }
                centred(content, font, 430, 190, draft.nameLine());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void centred(PDPageContentStream content, PDType0Font font, float centreX, float y, String text)
            throws IOException {
        line(content, font, centreX - font.getStringWidth(text) / 1000 * SIZE / 2, y, text);
    }

    private static void line(PDPageContentStream content, PDType0Font font, float x, float y, String text)
            throws IOException {
        if (text.isEmpty()) {
            return;
        }
        content.beginText();
        content.setFont(font, SIZE);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
    }
}
