package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

/** The page rules: {@link PageCountRule}, {@link PageContentRule}, {@link PageResourcesRule}. */
class PageRulesTest {

    @Test
    void nothingChangedIsNoFinding() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> { })) {
            assertTrue(new PageCountRule().findings(pdf.compared()).isEmpty());
            assertTrue(pdf.page(new PageContentRule()).isEmpty());
            assertTrue(pdf.page(new PageResourcesRule()).isEmpty());
        }
    }

    @Test
    void aPageAddedIsReportedWithTheCounts() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> document.addPage(new PDPage()))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.PAGES_ADDED_OR_REMOVED, "1 → 2 pages")),
                    new PageCountRule().findings(pdf.compared()));
        }
    }

    @Test
    void textDrawnOverThePageIsAContentChange() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> {
            try (PDPageContentStream content = new PDPageContentStream(document, document.getPage(0),
                    PDPageContentStream.AppendMode.APPEND, false)) {
                content.addRect(50, 50, 100, 20);
                content.fill();
            }
        })) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.PAGE_CONTENT_CHANGED, "page 1")),
                    pdf.page(new PageContentRule()));
        }
    }

    @Test
    void aSwappedFontOrAMovedMediaBoxIsAResourcesChange() throws Exception {
        try (ChangeFixture font = ChangeFixture.after(document -> document.getPage(0).getResources()
                .add(new PDType1Font(Standard14Fonts.FontName.COURIER)));
             ChangeFixture box = ChangeFixture.after(document -> document.getPage(0).setMediaBox(PDRectangle.A5))) {
            List<ChangeRule.Finding> expected = List.of(
                    new ChangeRule.Finding(ChangeKind.PAGE_RESOURCES_CHANGED, "page 1"));
            assertEquals(expected, font.page(new PageResourcesRule()));
            assertEquals(expected, box.page(new PageResourcesRule()));
            assertTrue(box.page(new PageContentRule()).isEmpty());
        }
    }
}
