package vn.kyso.verify;

import java.util.List;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;

/** A page's resources (fonts, images) or its media box changed after signing — never allowed. */
final class PageResourcesRule implements ChangeRule.PageRule {

    @Override
    public List<ChangeRule.Finding> findings(PDPage signed, PDPage current, String where, SignedObjects unchanged) {
        boolean same = unchanged.same(signed.getCOSObject().getDictionaryObject(COSName.RESOURCES),
                current.getCOSObject().getDictionaryObject(COSName.RESOURCES))
                && unchanged.same(signed.getCOSObject().getDictionaryObject(COSName.MEDIA_BOX),
                current.getCOSObject().getDictionaryObject(COSName.MEDIA_BOX));
        return same ? List.of() : List.of(new ChangeRule.Finding(ChangeKind.PAGE_RESOURCES_CHANGED, where));
    }
}
