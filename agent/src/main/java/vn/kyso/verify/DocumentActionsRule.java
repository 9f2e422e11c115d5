package vn.kyso.verify;

import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;

/**
 * What a document does when opened — actions, JavaScript, embedded files, the outline — can turn a signed text into
 * something else without touching a page (an incremental-save attack): any change to them is reported, never
 * allowed.
 */
final class DocumentActionsRule implements ChangeRule {

    private static final List<COSName> DOCUMENT_ACTION_KEYS = List.of(COSName.getPDFName("OpenAction"),
            COSName.AA, COSName.NAMES, COSName.OUTLINES, COSName.getPDFName("URI"));

    @Override
    public List<Finding> findings(Compared compared) {
        COSDictionary before = compared.signed().getDocumentCatalog().getCOSObject();
        COSDictionary after = compared.current().getDocumentCatalog().getCOSObject();
        List<Finding> findings = new ArrayList<>();
        for (COSName key : DOCUMENT_ACTION_KEYS) {
            COSBase a = before.getDictionaryObject(key);
            COSBase b = after.getDictionaryObject(key);
            // destinations point at pages, whose /Annots grow with every signature: not an action change
            boolean same = a == null || b == null ? a == b : compared.unchanged().untouched(a, b)
                    || compared.unchanged().signedFingerprint(a, COSName.ANNOTS, COSName.PARENT, COSName.P)
                    .equals(compared.unchanged().currentFingerprint(b, COSName.ANNOTS, COSName.PARENT, COSName.P));
            if (!same) {
                findings.add(new Finding(ChangeKind.DOCUMENT_ACTIONS_CHANGED, "/" + key.getName()));
            }
        }
        return findings;
    }
}
