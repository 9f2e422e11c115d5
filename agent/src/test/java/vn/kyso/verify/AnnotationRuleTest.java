package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.junit.jupiter.api.Test;

/** {@link AnnotationRule}: widgets stand for field changes, any other annotation is an annotation change. */
class AnnotationRuleTest {

    @Test
    void aNoteAddedIsAnAnnotationChange() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> {
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(10, 10, 20, 20));
            note.setContents("Đã xem");
            document.getPage(0).getAnnotations().add(note);
        })) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.ANNOTATION_CHANGED, "page 1")),
                    pdf.page(new AnnotationRule()));
        }
    }

    @Test
    void aWidgetAddedIsAWidgetFindingForTheFieldRuleToExplain() throws Exception {
        try (ChangeFixture pdf = ChangeFixture.after(document -> {
            PDAnnotationWidget widget = new PDAnnotationWidget();
            widget.setRectangle(new PDRectangle(10, 10, 20, 20));
            document.getPage(0).getAnnotations().add(widget);
        })) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.FORM_FILLED, "page 1 (widget)", true)),
                    pdf.page(new AnnotationRule()));
        }
    }

    @Test
    void aNoteRemovedIsAnAnnotationChangeAndAnUnchangedOneIsNone() throws Exception {
        ChangeFixture.Change addNote = document -> {
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(10, 10, 20, 20));
            document.getPage(0).getAnnotations().add(note);
        };
        try (ChangeFixture same = ChangeFixture.after(document -> { })) {
            assertTrue(same.page(new AnnotationRule()).isEmpty());
        }
        try (ChangeFixture removed = ChangeFixture.between(addNote,
                document -> document.getPage(0).setAnnotations(List.of()))) {
            assertEquals(List.of(new ChangeRule.Finding(ChangeKind.ANNOTATION_CHANGED, "page 1")),
                    removed.page(new AnnotationRule()));
        }
    }
}
