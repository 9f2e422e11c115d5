package vn.kyso.pdf;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Finds one page without loading its siblings. PDFBox's page tree loads every kid of each node it passes through, so
 * reaching page 1 of a 1000-page file whose tree is flat loads 1000 page dictionaries; here only the nodes on the
 * path and the kids before the target are read, and the /Count of intermediate nodes skips whole subtrees.
 */
public final class Pages {

    private static final int MAX_DEPTH = 64;

    private Pages() {
    }

    /** The page at {@code index} (0-based); PDFBox's own lookup when the tree is malformed. */
    public static PDPage get(PDDocument document, int index) {
        COSDictionary node = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
        Set<COSDictionary> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        int remaining = index;
        for (int depth = 0; node != null && depth < MAX_DEPTH && visited.add(node); depth++) {
            COSArray kids = node.getCOSArray(COSName.KIDS);
            if (kids == null) {
                break;
            }
            COSDictionary next = null;
            for (int i = 0; i < kids.size() && next == null; i++) {
                COSBase kid = kids.getObject(i);
                if (!(kid instanceof COSDictionary dictionary)) {
                    return document.getPage(index);
                }
                if (isNode(dictionary)) {
                    int count = dictionary.getInt(COSName.COUNT, -1);
                    if (count < 0) {
                        return document.getPage(index);
                    }
                    if (remaining < count) {
                        next = dictionary;
                    } else {
                        remaining -= count;
                    }
                } else if (remaining == 0) {
                    return new PDPage(dictionary);
                } else {
                    remaining--;
                }
            }
            node = next;
        }
        return document.getPage(index);
    }

    private static boolean isNode(COSDictionary dictionary) {
        return COSName.PAGES.equals(dictionary.getCOSName(COSName.TYPE))
                || (dictionary.getCOSName(COSName.TYPE) == null && dictionary.containsKey(COSName.KIDS));
    }
}
