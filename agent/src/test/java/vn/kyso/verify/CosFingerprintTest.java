package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.junit.jupiter.api.Test;

/**
 * {@link CosFingerprint}: a long string (a signature's /Contents) is fingerprinted by its digest, remembered per
 * verification by the string object; any changed byte in another object is still a different fingerprint, and equal
 * bytes are the same fingerprint whichever form they are read in.
 */
class CosFingerprintTest {

    @Test
    void aLongStringWithOneChangedByteIsAnotherFingerprintWithinOneVerification() {
        byte[] contents = new byte[40_000];
        for (int i = 0; i < contents.length; i++) {
            contents[i] = (byte) (i * 31);
        }
        byte[] changed = contents.clone();
        changed[12_345] ^= 0x01;
        CosFingerprint.Memo memo = new CosFingerprint.Memo();
        String original = CosFingerprint.of(signature(contents), COSObject::getObject, memo);
        assertEquals(original, CosFingerprint.of(signature(contents.clone()), COSObject::getObject, memo),
                "the same bytes in another object");
        assertNotEquals(original, CosFingerprint.of(signature(changed), COSObject::getObject, memo));
        assertNotEquals(original, CosFingerprint.of(signature(Arrays.copyOf(contents, 39_999)),
                COSObject::getObject, memo));
        assertEquals(original, CosFingerprint.of(signature(contents)), "without a shared memo");
    }

    @Test
    void shortAndLongStringsAreNeverConfused() {
        byte[] longOne = new byte[2048];
        byte[] digestSized = new byte[32];
        assertNotEquals(CosFingerprint.of(new COSString(longOne)), CosFingerprint.of(new COSString(digestSized)));
        assertNotEquals(CosFingerprint.of(new COSString(new byte[1023])), CosFingerprint.of(new COSString(new byte[1024])));
    }

    /** The shortcut only ever says "different" where the fingerprints differ, cycles and nulls included. */
    @Test
    void surelyDifferentOnlyWhereTheFingerprintsDiffer() {
        List<COSBase> objects = new ArrayList<>();
        objects.add(dss(2, "A"));
        objects.add(dss(3, "A"));
        objects.add(dss(2, "A", "B"));
        objects.add(dss(2, "B"));
        objects.add(COSNull.NULL);
        objects.add(COSInteger.get(5));
        objects.add(new COSFloat(5f));
        objects.add(new COSArray());
        COSDictionary cyclic = new COSDictionary();
        COSDictionary child = new COSDictionary();
        child.setItem(COSName.PARENT, cyclic);
        cyclic.setItem(COSName.KIDS, child);
        objects.add(cyclic);
        COSDictionary deeper = new COSDictionary();
        COSDictionary middle = new COSDictionary();
        middle.setItem(COSName.PARENT, middle); // a cycle one level lower: the same marker in the fingerprint
        deeper.setItem(COSName.KIDS, middle);
        objects.add(deeper);
        int different = 0;
        for (COSBase a : objects) {
            for (COSBase b : objects) {
                boolean sure = CosFingerprint.surelyDifferent(a, COSObject::getObject, b, COSObject::getObject, 2);
                if (sure) {
                    different++;
                    assertNotEquals(CosFingerprint.of(a), CosFingerprint.of(b), a + " / " + b);
                }
                if (a == b) {
                    assertFalse(sure);
                }
            }
        }
        assertTrue(CosFingerprint.surelyDifferent(dss(2, "A"), COSObject::getObject, dss(3, "A"), COSObject::getObject,
                2), "one certificate more");
        assertTrue(CosFingerprint.surelyDifferent(dss(2, "A"), COSObject::getObject, dss(2, "A", "B"),
                COSObject::getObject, 2), "a VRI entry more");
        assertFalse(CosFingerprint.surelyDifferent(dss(2, "A"), COSObject::getObject, dss(2, "A"),
                COSObject::getObject, 2), "equal: left to the fingerprints");
        assertTrue(different > objects.size());
    }

    /** A /DSS-like dictionary: {@code certificates} streams under /Certs and one /VRI entry per name. */
    private static COSDictionary dss(int certificates, String... vri) {
        COSDictionary dss = new COSDictionary();
        COSArray certs = new COSArray();
        for (int i = 0; i < certificates; i++) {
            certs.add(new COSStream());
        }
        dss.setItem(COSName.getPDFName("Certs"), certs);
        COSDictionary entries = new COSDictionary();
        for (String name : vri) {
            entries.setItem(COSName.getPDFName(name), new COSDictionary());
        }
        dss.setItem(COSName.getPDFName("VRI"), entries);
        return dss;
    }

    private static COSDictionary signature(byte[] contents) {
        COSDictionary dictionary = new COSDictionary();
        dictionary.setItem(COSName.TYPE, COSName.SIG);
        dictionary.setItem(COSName.CONTENTS, new COSString(contents));
        return dictionary;
    }
}
