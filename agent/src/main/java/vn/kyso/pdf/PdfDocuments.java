package vn.kyso.pdf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import vn.kyso.errors.KysoException;

/** Opening a PDF for signing, and the checks that decide whether it may be signed at all. */
final class PdfDocuments {

    private PdfDocuments() {
    }

    /** Parses the PDF; a wrong/missing password is PDF_PASSWORD_REQUIRED, anything unparseable PDF_DAMAGED. */
    static PDDocument load(byte[] pdf, String password) {
        return opened(() -> Loader.loadPDF(pdf, password == null ? "" : password));
    }

    /**
     * Parses the PDF from disk: PDFBox reads objects on demand through a small buffer, so memory does not grow with
     * the file's size. The file stays open until the document is closed.
     */
    static PDDocument load(Path pdf, String password) {
        return opened(() -> Loader.loadPDF(pdf.toFile(), password == null ? "" : password));
    }

    private interface Opener {
        PDDocument open() throws IOException;
    }

    private static PDDocument opened(Opener opener) {
        try {
            return opener.open();
        } catch (InvalidPasswordException e) {
            throw new KysoException(PdfError.PDF_PASSWORD_REQUIRED, Map.of(), e);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports broken files with IOExceptions and, for some corruptions, runtime exceptions.
            throw new KysoException(PdfError.PDF_DAMAGED, Map.of(), e, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Encrypted documents opened without the owner password carry permissions (ISO 32000-1 table 22): a new
     * signature field needs "modify" and "annotations/forms" (bits 4 and 6); an existing empty field needs only
     * "fill in form fields" (bit 9) or bit 6.
     */
    static void requireSigningPermitted(PDDocument document, boolean newField) {
        if (!document.isEncrypted()) {
            return;
        }
        AccessPermission permission = document.getCurrentAccessPermission();
        if (permission.isOwnerPermission()) {
            return;
        }
        boolean allowed = newField
                ? permission.canModify() && permission.canModifyAnnotations()
                : permission.canFillInForm() || permission.canModifyAnnotations();
        if (!allowed) {
            // The message says which permission is missing, so the user can ask the document's owner for it.
            throw new KysoException(PdfError.PDF_ENCRYPTED, Map.of("permissions", permission.getPermissionBytes()),
                    null, newField ? 0 : 1, bit(permission.canModify()), bit(permission.canModifyAnnotations()),
                    bit(permission.canFillInForm()));
        }
    }

    private static int bit(boolean value) {
        return value ? 1 : 0;
    }

    /**
     * Refuses a document certified with DocMDP P=1. The certification is found through the catalog's /Perms /DocMDP
     * (ISO 32000-1 §12.8.4) and, for writers that only fill the signature reference, through /Reference.
     */
    static void requireChangesPermitted(PDDocument document) {
        if (docMdpPermission(document) == 1) {
            throw new KysoException(PdfError.DOCUMENT_CERTIFIED_NO_CHANGES);
        }
    }

    /** The DocMDP P value (1, 2 or 3), or 0 when the document is not certified. */
    static int docMdpPermission(PDDocument document) {
        COSDictionary perms = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
        if (perms != null) {
            COSDictionary certification = perms.getCOSDictionary(COSName.DOCMDP);
            if (certification != null) {
                int p = permissionInReferences(certification);
                if (p != 0) {
                    return p;
                }
            }
        }
        for (PDSignature signature : document.getSignatureDictionaries()) {
            int p = permissionInReferences(signature.getCOSObject());
            if (p != 0) {
                return p;
            }
        }
        return 0;
    }

    private static int permissionInReferences(COSDictionary signature) {
        COSBase references = signature.getDictionaryObject(COSName.REFERENCE);
        if (!(references instanceof COSArray array)) {
            return 0;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.getObject(i) instanceof COSDictionary reference
                    && COSName.DOCMDP.equals(reference.getCOSName(COSName.TRANSFORM_METHOD))) {
                COSDictionary params = reference.getCOSDictionary(COSName.TRANSFORM_PARAMS);
                // P defaults to 2 when absent (ISO 32000-1 table 254).
                int p = params == null ? 2 : params.getInt(COSName.P, 2);
                return p < 1 || p > 3 ? 2 : p;
            }
        }
        return 0;
    }
}
