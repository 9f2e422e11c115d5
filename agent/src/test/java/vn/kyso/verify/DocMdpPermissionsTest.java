package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link DocMdpPermissions}: what each DocMDP level (or none) allows, per ISO 32000 and its correction. */
class DocMdpPermissionsTest {

    @ParameterizedTest(name = "{0}: none={1} P1={2} P2={3} P3={4}")
    @CsvSource({
        "DSS_ADDED,                true,  true,  true,  true",
        "DOCUMENT_TIMESTAMP_ADDED, true,  true,  true,  true",
        "SIGNATURE_ADDED,          true,  false, true,  true",
        "FORM_FILLED,              true,  false, true,  true",
        "METADATA_CHANGED,         true,  false, true,  true",
        "ANNOTATION_CHANGED,       true,  false, false, true",
        "PAGE_CONTENT_CHANGED,     false, false, false, false",
        "PAGE_RESOURCES_CHANGED,   false, false, false, false",
        "PAGES_ADDED_OR_REMOVED,   false, false, false, false",
        "DOCUMENT_ACTIONS_CHANGED, false, false, false, false",
        "SIGNED_REVISION_UNREADABLE, false, false, false, false",
    })
    void allowsByLevel(ChangeKind kind, boolean none, boolean p1, boolean p2, boolean p3) {
        assertEquals(none, DocMdpPermissions.allowed(kind, null));
        assertEquals(p1, DocMdpPermissions.allowed(kind, 1));
        assertEquals(p2, DocMdpPermissions.allowed(kind, 2));
        assertEquals(p3, DocMdpPermissions.allowed(kind, 3));
    }
}
