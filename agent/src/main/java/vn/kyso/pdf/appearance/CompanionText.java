package vn.kyso.pdf.appearance;

/** One line the clerk adds with the seal: the document number (số/ký hiệu) or the issue date (ngày ban hành). */
public record CompanionText(TextSlot slot, String text) implements Companion {

    public CompanionText {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("companion text is blank");
        }
    }
}
