package vn.kyso.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
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

    private static COSDictionary signature(byte[] contents) {
        COSDictionary dictionary = new COSDictionary();
        dictionary.setItem(COSName.TYPE, COSName.SIG);
        dictionary.setItem(COSName.CONTENTS, new COSString(contents));
        return dictionary;
    }
}
