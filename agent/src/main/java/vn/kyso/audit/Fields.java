package vn.kyso.audit;

/**
 * The caps and the cleaning applied to every field before it reaches the log: a page chooses the document name and
 * much of what else is recorded, and must neither fill the disk (a million-character name) nor fake lines or
 * reverse text for whoever reads the log.
 */
final class Fields {

    static final int ORIGIN = 256;
    static final int OPERATION = 64;
    static final int DOCUMENT = 256;
    static final int HASH = 128;
    static final int SIGNER = 256;
    static final int RESULT = 64;
    /** No line is longer (all caps at 4 UTF-8 bytes per character, the cut marks and the JSON around them). */
    static final int MAX_LINE = 8192;

    private Fields() {
    }

    static AuditRecord capped(AuditRecord r) {
        return new AuditRecord(cap(r.origin(), ORIGIN), cap(r.operation(), OPERATION), cap(r.documentName(), DOCUMENT),
                cap(r.documentSha256(), HASH), cap(r.certificate(), HASH), cap(r.signer(), SIGNER),
                cap(r.result(), RESULT));
    }

    /**
     * At most {@code max} characters (code points), followed by {@code …[+N]} when N were cut; control, format
     * (direction overrides, zero-width), line- and paragraph-separator characters and lone surrogates become U+FFFD.
     */
    static String cap(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 16));
        int kept = 0;
        int cut = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (kept == max) {
                cut++;
                continue;
            }
            out.appendCodePoint(safe(cp) ? cp : 0xFFFD);
            kept++;
        }
        if (cut > 0) {
            out.append("…[+").append(cut).append(']');
        }
        return out.toString();
    }

    private static boolean safe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
