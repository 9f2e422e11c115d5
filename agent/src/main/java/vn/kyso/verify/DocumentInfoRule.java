package vn.kyso.verify;

import java.util.List;

/** The document information dictionary (/Info: title, author …) changed after signing. */
final class DocumentInfoRule implements ChangeRule {

    @Override
    public List<Finding> findings(Compared compared) {
        if (compared.unchanged().sameContent(compared.signed().getDocumentInformation().getCOSObject(),
                compared.current().getDocumentInformation().getCOSObject())) {
            return List.of();
        }
        return List.of(new Finding(ChangeKind.METADATA_CHANGED, "/Info"));
    }
}
