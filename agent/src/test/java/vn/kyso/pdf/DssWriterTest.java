package vn.kyso.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import vn.kyso.pki.ValidationData;

/**
 * The /DSS writer's remembered Flate encodings: the same evidence item written into several documents (a batch) is
 * written as the same deflated bytes, and an item that differs in one byte is deflated on its own — what a reader
 * decodes is always the item given.
 */
class DssWriterTest {

    private static final byte[] CONTENTS = {0x30, 0x03, 0x02, 0x01, 0x01};

    @Test
    void theSameItemIsWrittenAsTheSameDeflatedBytesAndAChangedOneAsItself() throws Exception {
        byte[] certificate = new byte[3000];
        new SecureRandom().nextBytes(certificate);
        Arrays.fill(certificate, 1000, 2000, (byte) 7); // something to compress
        byte[] ocsp = new byte[1200];
        new SecureRandom().nextBytes(ocsp);

        Written first = write(new ValidationData(List.of(certificate), List.of(ocsp), List.of()));
        Written second = write(new ValidationData(List.of(certificate), List.of(ocsp), List.of()));
        assertArrayEquals(certificate, first.decoded());
        assertArrayEquals(certificate, second.decoded());
        assertArrayEquals(first.raw(), second.raw(), "the same item, deflated the same");

        byte[] changed = certificate.clone();
        changed[1500] ^= 1;
        Written third = write(new ValidationData(List.of(changed), List.of(ocsp), List.of()));
        assertArrayEquals(changed, third.decoded(), "one byte changed: the reader gets the changed item");
        assertFalse(Arrays.equals(first.raw(), third.raw()));
        // and the first item is still written as itself after the changed one
        assertArrayEquals(certificate, write(new ValidationData(List.of(certificate), List.of(ocsp), List.of()))
                .decoded());
    }

    /** The first certificate stream of a new document's /DSS, as saved and parsed again: decoded and as written. */
    private record Written(byte[] decoded, byte[] raw) {
    }

    private static Written write(ValidationData data) throws Exception {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            DssWriter.add(document, CONTENTS, data);
            document.save(saved);
        }
        try (PDDocument document = Loader.loadPDF(saved.toByteArray())) {
            COSArray certs = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"))
                    .getCOSArray(COSName.getPDFName("Certs"));
            COSStream stream = (COSStream) certs.getObject(0);
            assertEquals(COSName.FLATE_DECODE, stream.getItem(COSName.FILTER));
            try (InputStream decoded = stream.createInputStream(); InputStream raw = stream.createRawInputStream()) {
                return new Written(decoded.readAllBytes(), raw.readAllBytes());
            }
        }
    }
}
