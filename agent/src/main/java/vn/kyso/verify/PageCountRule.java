package vn.kyso.verify;

import java.util.List;

/** Pages added or removed after signing — never allowed. */
final class PageCountRule implements ChangeRule {

    @Override
    public List<Finding> findings(Compared compared) {
        int before = compared.signed().getNumberOfPages();
        int after = compared.current().getNumberOfPages();
        if (before == after) {
            return List.of();
        }
        return List.of(new Finding(ChangeKind.PAGES_ADDED_OR_REMOVED, before + " → " + after + " pages"));
    }
}
