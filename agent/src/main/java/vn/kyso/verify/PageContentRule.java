package vn.kyso.verify;

import java.util.List;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;

/** A page's content stream changed after signing — never allowed. */
final class PageContentRule implements ChangeRule.PageRule {

    @Override
    public List<ChangeRule.Finding> findings(PDPage signed, PDPage current, String where, SignedObjects unchanged) {
        if (unchanged.same(signed.getCOSObject().getDictionaryObject(COSName.CONTENTS),
                current.getCOSObject().getDictionaryObject(COSName.CONTENTS))) {
            return List.of();
        }
        return List.of(new ChangeRule.Finding(ChangeKind.PAGE_CONTENT_CHANGED, where));
    }
}
