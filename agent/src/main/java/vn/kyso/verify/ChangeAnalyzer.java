package vn.kyso.verify;

import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What changed between the revision a signature covers and the final document, and whether the signer allowed
 * it. The signed revision is the file cut at the end of the signature's byte range. Each kind of change is one
 * {@link ChangeRule}; {@link DocMdpPermissions} says which the signer allowed. Allowed without DocMDP: later
 * signatures, /DSS, annotations, form filling, document information. Never allowed: changed page content or
 * resources, pages added or removed, changed document actions.
 */
final class ChangeAnalyzer {

    /** The rules over the whole document, in the order their changes are reported; page rules run after the first. */
    private static final List<ChangeRule> BEFORE_PAGES = List.of(new PageCountRule());
    private static final List<ChangeRule.PageRule> PAGE_RULES = List.of(new PageContentRule(),
            new PageResourcesRule(), new AnnotationRule());
    private static final List<ChangeRule> AFTER_PAGES = List.of(new FieldRule(), new DssRule(),
            new DocumentActionsRule(), new DocumentInfoRule());

    private ChangeAnalyzer() {
    }

    static List<Change> changesAfter(byte[] file, long revisionEnd, PDDocument finalDocument, Integer docMdpP,
                                     String password) {
        try (SignedRevision revision = open(file, revisionEnd, password)) {
            return changesAfter(revision, finalDocument, docMdpP, new CosFingerprint.Memo());
        }
    }

    /**
     * The revision a signature covers, opened (a view of the file cut at its end, not a copy); no revision when the
     * signature covers the whole file, and the error when it does not open. Opening reads only the cut file, so it
     * may happen on another thread than the comparison, which reads the final document.
     */
    static SignedRevision open(byte[] file, long revisionEnd, String password) {
        if (revisionEnd <= 0 || revisionEnd >= file.length) {
            return new SignedRevision(revisionEnd, null, null);
        }
        try {
            return new SignedRevision(revisionEnd, PdfLoading.load(file, (int) revisionEnd, password).document(), null);
        } catch (Exception e) {
            return new SignedRevision(revisionEnd, null, e);
        }
    }

    /** @param document null when there is nothing after the revision or it did not open ({@code error}) */
    record SignedRevision(long end, PDDocument document, Exception error) implements AutoCloseable {
        @Override
        public void close() {
            if (document != null) {
                try {
                    document.close();
                } catch (java.io.IOException e) {
                    // a view of bytes in memory: nothing to release
                }
            }
        }
    }

    /** @param memo what this verification fingerprinted already, for the same final document */
    static List<Change> changesAfter(SignedRevision revision, PDDocument finalDocument, Integer docMdpP,
                                     CosFingerprint.Memo memo) {
        if (revision.document() == null && revision.error() == null) {
            return List.of();
        }
        List<ChangeRule.Finding> findings = new ArrayList<>();
        List<Change> unreadable = new ArrayList<>();
        try {
            if (revision.error() != null) {
                throw revision.error();
            }
            PDDocument signed = revision.document();
            ChangeRule.Compared compared = new ChangeRule.Compared(signed, finalDocument,
                    new SignedObjects(finalDocument.getDocument(), signed.getDocument(), revision.end(), memo));
            collect(compared, findings);
        } catch (Exception e) {
            unreadable.add(new Change(ChangeKind.SIGNED_REVISION_UNREADABLE, String.valueOf(e.getMessage()), false));
        }
        List<Change> changes = new ArrayList<>();
        for (ChangeRule.Finding finding : withoutWidgetsOfReportedFields(findings)) {
            changes.add(new Change(finding.kind(), finding.where(),
                    DocMdpPermissions.allowed(finding.kind(), docMdpP)));
        }
        changes.addAll(unreadable);
        return changes;
    }

    private static void collect(ChangeRule.Compared compared, List<ChangeRule.Finding> findings) throws Exception {
        for (ChangeRule rule : BEFORE_PAGES) {
            findings.addAll(rule.findings(compared));
        }
        int pages = Math.min(compared.signed().getNumberOfPages(), compared.current().getNumberOfPages());
        for (int i = 0; i < pages; i++) {
            String where = "page " + (i + 1);
            for (ChangeRule.PageRule rule : PAGE_RULES) {
                findings.addAll(rule.findings(compared.signed().getPage(i), compared.current().getPage(i), where,
                        compared.unchanged()));
            }
        }
        for (ChangeRule rule : AFTER_PAGES) {
            findings.addAll(rule.findings(compared));
        }
    }

    /** A widget change that belongs to a field already reported is not a separate change. */
    static List<ChangeRule.Finding> withoutWidgetsOfReportedFields(List<ChangeRule.Finding> findings) {
        boolean fieldChanges = findings.stream().anyMatch(f -> !f.widget() && (f.kind() == ChangeKind.SIGNATURE_ADDED
                || f.kind() == ChangeKind.DOCUMENT_TIMESTAMP_ADDED || f.kind() == ChangeKind.FORM_FILLED));
        if (!fieldChanges) {
            return findings;
        }
        return findings.stream().filter(f -> !f.widget()).toList();
    }
}
