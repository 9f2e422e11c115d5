package vn.kyso.verify;

import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/** One rule of {@link ChangeAnalyzer}: what of one kind changed between the signed revision and the final document. */
interface ChangeRule {

    /**
     * The two documents compared.
     *
     * @param signed    the revision the signature covers
     * @param current   the final document
     * @param unchanged which objects are still read from inside the signed revision
     */
    record Compared(PDDocument signed, PDDocument current, SignedObjects unchanged) {
    }

    /**
     * A change found, before the signer's permissions are applied.
     *
     * @param widget a widget annotation added or changed on a page: it stands for a field change, so it is only
     *               reported when no field change already explains it
     */
    record Finding(ChangeKind kind, String where, boolean widget) {
        Finding(ChangeKind kind, String where) {
            this(kind, where, false);
        }
    }

    List<Finding> findings(Compared compared) throws IOException;

    /** A rule applied page by page, to the pages both documents have. */
    interface PageRule {
        /** @param where "page N", as reported */
        List<Finding> findings(PDPage signed, PDPage current, String where, SignedObjects unchanged);
    }
}
