package vn.kyso.cms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BEROctetString;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.Test;

class EncodedObjectTest {

    private static byte[] padded(byte[] object, int zeros) {
        return Arrays.copyOf(object, object.length + zeros);
    }

    @Test
    void aDefiniteLengthObjectEndsWhereItsHeaderSays() throws Exception {
        // long form length (two octets), as a CMS of a few kilobytes has
        byte[] der = new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier("1.2.840.113549.1.7.2"),
                new DERTaggedObject(true, 0, new DEROctetString(new byte[3000]))}).getEncoded(ASN1Encoding.DER);
        assertEquals((byte) 0x82, der[1]);
        assertArrayEquals(der, EncodedObject.first(padded(der, 8192)));
        assertSame(der, EncodedObject.first(der), "nothing after it: the buffer itself");
    }

    @Test
    void contentThatEndsInZerosIsKept() throws Exception {
        // the object's own trailing zeros are content, not padding: trimming zeros would cut them off
        byte[] der = new DERSequence(new DEROctetString(new byte[] {1, 0, 0, 0})).getEncoded(ASN1Encoding.DER);
        byte[] found = EncodedObject.first(padded(der, 100));
        assertArrayEquals(der, found);
        assertEquals(new DERSequence(new DEROctetString(new byte[] {1, 0, 0, 0})), ASN1Primitive.fromByteArray(found));
    }

    @Test
    void anIndefiniteLengthObjectIsWalkedToItsEndOfContents() throws Exception {
        // BER as some signers write CMS: nested indefinite lengths, each closed by 00 00, and a constructed octet string
        ASN1Encodable inner = new BERSequence(new ASN1Encodable[] {new ASN1Integer(0),
                new BEROctetString(new byte[] {5, 0, 0}, 2)});
        byte[] ber = new BERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier("1.2.840.113549.1.7.2"),
                new BERTaggedObject(true, 0, inner)}).getEncoded(ASN1Encoding.BER);
        assertEquals((byte) 0x80, ber[1], "indefinite length");
        assertEquals(0, ber[ber.length - 1]);
        byte[] found = EncodedObject.first(padded(ber, 64));
        assertArrayEquals(ber, found);
        ASN1Primitive.fromByteArray(found);
    }

    @Test
    void aPaddedCmsIsReadAsTheCmsAlone() throws Exception {
        // a degenerate SignedData (no signer) is a real CMS; this BouncyCastle refuses it with the padding after it
        byte[] cms = new CMSSignedDataGenerator().generate(new CMSAbsentContent()).getEncoded(ASN1Encoding.DER);
        byte[] contents = padded(cms, 4096);
        assertThrows(CMSException.class, () -> new CMSSignedData(contents));
        assertArrayEquals(cms, CmsSignatureMatch.parse(contents).getEncoded(ASN1Encoding.DER));
    }

    @Test
    void aHighTagNumberIsSkippedByItsDigits() throws Exception {
        byte[] der = new DERTaggedObject(false, 300, new DEROctetString(new byte[] {7})).getEncoded(ASN1Encoding.DER);
        assertArrayEquals(der, EncodedObject.first(padded(der, 5)));
    }

    @Test
    void brokenEncodingsAreRefused() {
        // empty, cut in the header, length past the end, indefinite length on a primitive, endless nesting
        assertThrows(IllegalArgumentException.class, () -> EncodedObject.first(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> EncodedObject.first(new byte[] {0x30, (byte) 0x82, 0x01}));
        assertThrows(IllegalArgumentException.class, () -> EncodedObject.first(new byte[] {0x30, 0x05, 0x02, 0x01}));
        assertThrows(IllegalArgumentException.class,
                () -> EncodedObject.first(new byte[] {0x04, (byte) 0x80, 0x01, 0x00, 0x00}));
        assertThrows(IllegalArgumentException.class,
                () -> EncodedObject.first(new byte[] {0x30, (byte) 0x85, 1, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> EncodedObject.first(new byte[] {0x30, (byte) 0x80, 0x02, 0x01, 0x01}), "no end-of-contents");
        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            deep.write(0x30);
            deep.write(0x80);
        }
        assertThrows(IllegalArgumentException.class, () -> EncodedObject.first(deep.toByteArray()));
    }
}
