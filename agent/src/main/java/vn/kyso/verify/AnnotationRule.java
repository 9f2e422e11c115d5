package vn.kyso.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;

/**
 * Annotations of a page added, changed or removed after signing. Widgets carry field values and signatures: they
 * are reported as a widget finding, which the field comparison explains when it can; any other annotation is
 * ANNOTATION_CHANGED.
 */
final class AnnotationRule implements ChangeRule.PageRule {

    @Override
    public List<ChangeRule.Finding> findings(PDPage signed, PDPage current, String where, SignedObjects unchanged) {
        List<PDAnnotation> earlier = new ArrayList<>();
        try {
            earlier.addAll(signed.getAnnotations());
        } catch (IOException e) {
            // unreadable annotations compare as none
        }
        List<PDAnnotation> later = new ArrayList<>();
        boolean unreadable = false;
        try {
            for (PDAnnotation annotation : current.getAnnotations()) {
                PDAnnotation twin = earlier.stream()
                        .filter(e -> unchanged.untouched(e.getCOSObject(), annotation.getCOSObject()))
                        .findFirst().orElse(null);
                if (twin != null) {
                    earlier.remove(twin); // untouched since signing: nothing to fingerprint
                } else {
                    later.add(annotation);
                }
            }
        } catch (IOException e) {
            unreadable = true;
        }
        Map<String, Integer> old = new HashMap<>();
        earlier.forEach(a -> old.merge(unchanged.signedFingerprint(a.getCOSObject(), COSName.P, COSName.PARENT), 1,
                Integer::sum));
        boolean widget = false;
        boolean other = unreadable;
        for (PDAnnotation annotation : later) {
            String fingerprint = unchanged.currentFingerprint(annotation.getCOSObject(), COSName.P, COSName.PARENT);
            Integer count = old.get(fingerprint);
            if (count != null && count > 0) {
                old.put(fingerprint, count - 1);
            } else if ("Widget".equals(annotation.getSubtype())) {
                widget = true;
            } else {
                other = true;
            }
        }
        boolean removed = old.values().stream().anyMatch(c -> c > 0);
        List<ChangeRule.Finding> findings = new ArrayList<>();
        if (widget) {
            findings.add(new ChangeRule.Finding(ChangeKind.FORM_FILLED, where + " (widget)", true));
        }
        if (other || removed) {
            findings.add(new ChangeRule.Finding(ChangeKind.ANNOTATION_CHANGED, where));
        }
        return findings;
    }
}
