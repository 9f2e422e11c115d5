package vn.kyso.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * Form fields added, changed or removed after signing: a signature field is SIGNATURE_ADDED, a new one holding a
 * document time-stamp DOCUMENT_TIMESTAMP_ADDED, any other field FORM_FILLED.
 */
final class FieldRule implements ChangeRule {

    private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
    private static final COSName ETSI_RFC3161 = COSName.getPDFName("ETSI.RFC3161");

    @Override
    public List<Finding> findings(Compared compared) {
        Map<String, PDField> before = fields(compared.signed());
        Map<String, PDField> after = fields(compared.current());
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        Map<String, Boolean> signatureFields = signatureFieldNames(compared.current());
        List<Finding> findings = new ArrayList<>();
        for (String name : names) {
            PDField a = before.get(name);
            PDField b = after.get(name);
            if (a != null && b != null && (compared.unchanged().untouched(a.getCOSObject(), b.getCOSObject())
                    || compared.unchanged().signedFingerprint(a.getCOSObject(), COSName.P, COSName.PARENT, COSName.KIDS)
                    .equals(compared.unchanged().currentFingerprint(b.getCOSObject(), COSName.P, COSName.PARENT,
                    COSName.KIDS)))) {
                continue;
            }
            ChangeKind kind = !signatureFields.containsKey(name) ? ChangeKind.FORM_FILLED
                    : a == null && signatureFields.get(name) ? ChangeKind.DOCUMENT_TIMESTAMP_ADDED
                    : ChangeKind.SIGNATURE_ADDED;
            findings.add(new Finding(kind, name));
        }
        return findings;
    }

    private static Map<String, PDField> fields(PDDocument document) {
        Map<String, PDField> result = new HashMap<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return result;
        }
        for (PDField field : form.getFieldTree()) {
            result.put(field.getFullyQualifiedName(), field);
        }
        return result;
    }

    /** Signature fields by name, each with whether its value is a document timestamp (/SubFilter ETSI.RFC3161). */
    private static Map<String, Boolean> signatureFieldNames(PDDocument document) {
        Map<String, Boolean> names = new HashMap<>();
        PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDSignatureField signatureField) {
                    var value = signatureField.getSignature();
                    names.put(field.getFullyQualifiedName(), value != null
                            && (DOC_TIME_STAMP.equals(value.getCOSObject().getCOSName(COSName.TYPE))
                            || ETSI_RFC3161.equals(value.getCOSObject().getCOSName(COSName.SUB_FILTER))));
                }
            }
        }
        return names;
    }
}
