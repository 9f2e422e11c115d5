package vn.kyso.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PreparedSignature;
import vn.kyso.token.SignatureAlgorithm;

/** What a connection keeps of its prepared signatures: at most ten, each completed once, known by its digest. */
class TwoStepHandlesTest {

    @Test
    void aHandleIsTakenOnceAndItsDigestNamesItsDocument() {
        TwoStepPdf.Handles handles = new TwoStepPdf.Handles();
        TwoStepPdf.Prepared prepared = prepared(new byte[] {1, 2, 3});
        String handle = handles.keep(prepared);

        SignHash.KnownDocument known = handles.known(new byte[] {1, 2, 3});
        assertEquals("QĐ 1.pdf", known.name());
        assertNull(handles.known(new byte[] {9}));
        assertSame(prepared, handles.take(handle));
        assertNull(handles.take(handle), "one handle completed twice");
        assertNull(handles.known(new byte[] {1, 2, 3}));
    }

    @Test
    void tenPreparedSignaturesFillTheConnection() {
        TwoStepPdf.Handles handles = new TwoStepPdf.Handles();
        for (int i = 0; i < TwoStepPdf.Handles.MAX; i++) {
            assertFalse(handles.full());
            handles.keep(prepared(new byte[] {(byte) i}));
        }
        assertTrue(handles.full());
    }

    private static TwoStepPdf.Prepared prepared(byte[] digest) {
        PreparedSignature signature = new PreparedSignature(new byte[0], new long[4],
                SignatureAlgorithm.RSA_PKCS1_SHA256, digest, new byte[0], digest, List.of(), PadesLevel.B_B,
                LevelPolicy.BEST_EFFORT, false, List.of());
        return new TwoStepPdf.Prepared("https://qlvb.ninhbinh.gov.vn", "QĐ 1.pdf", 1, new byte[] {4}, signature,
                null, List.of());
    }
}
