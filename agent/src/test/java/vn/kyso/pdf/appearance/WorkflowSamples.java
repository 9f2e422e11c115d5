package vn.kyso.pdf.appearance;

import java.io.IOException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** The sample Quyết định, its stamp images and annotation text, for tests in other packages. */
public final class WorkflowSamples {

    private WorkflowSamples() {
    }

    /** One page: "Số:", "Bắc Ninh,", the title "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" and the name "Nguyễn Văn An". */
    public static byte[] quyetDinh() throws IOException {
        return QuyetDinh.pdf(0);
    }

    public static byte[] signaturePng() {
        return TestImages.signaturePng();
    }

    public static byte[] sealPng() {
        return TestImages.sealPng();
    }

    /** What a reader sees in the annotations of a page (stamps, số/ngày companions). */
    public static String annotationText(byte[] pdf, int pageIndex) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return AppearanceText.of(document, pageIndex);
        }
    }
}
