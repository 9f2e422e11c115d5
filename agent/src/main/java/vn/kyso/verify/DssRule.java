package vn.kyso.verify;

import java.util.List;

import org.apache.pdfbox.cos.COSName;

/** Long-term validation data (/DSS in the catalog) added or changed after signing. */
final class DssRule implements ChangeRule {

    private static final COSName DSS = COSName.getPDFName("DSS");

    @Override
    public List<Finding> findings(Compared compared) {
        if (compared.unchanged().sameContent(compared.signed().getDocumentCatalog().getCOSObject().getDictionaryObject(DSS),
                compared.current().getDocumentCatalog().getCOSObject().getDictionaryObject(DSS))) {
            return List.of();
        }
        return List.of(new Finding(ChangeKind.DSS_ADDED, "/DSS"));
    }
}
