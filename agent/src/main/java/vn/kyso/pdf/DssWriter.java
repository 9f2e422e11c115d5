package vn.kyso.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

import vn.kyso.pki.ValidationData;

/**
 * Adds validation material to the document security store (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3) in a new
 * incremental update: /Certs, /OCSPs, /CRLs, and a /VRI entry per signature keyed by the upper-case hex SHA-1 of the
 * signature's /Contents bytes. Material already in the /DSS is referenced, not written again.
 */
final class DssWriter {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName CERT = COSName.getPDFName("Cert");
    private static final COSName OCSP = COSName.getPDFName("OCSP");
    private static final COSName CRL = COSName.getPDFName("CRL");

    /**
     * Evidence items deflated lately, by SHA-256, the least recently used forgotten first: at most
     * {@value #DEFLATED_KEPT} bytes of items and their encodings together (a batch's certificates and OCSP answers are a
     * few kilobytes; a large CRL is kept while it fits).
     */
    private static final Map<ByteBuffer, Deflated> DEFLATED = new LinkedHashMap<>(16, 0.75f, true);
    private static final int DEFLATED_KEPT = 2 << 20;
    private static long deflatedBytes;

    private DssWriter() {
    }

    /**
     * True when every item of {@code data} is already in the document's /DSS and listed in the VRI of the signature
     * whose /Contents are {@code signatureContents} (nothing to add). A new signature always gets its own revision,
     * even when an earlier signature by the same certificate brought the same evidence: validators take evidence
     * for a signature only from revisions after it.
     */
    static boolean alreadyContains(PDDocument document, byte[] signatureContents, ValidationData data)
            throws IOException {
        COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(DSS);
        if (dss == null) {
            return false;
        }
        COSDictionary vri = dss.getCOSDictionary(VRI);
        if (vri == null || vri.getCOSDictionary(COSName.getPDFName(vriKey(signatureContents))) == null) {
            return false;
        }
        return existing(dss, CERTS).keySet().containsAll(keys(data.certificates()))
                && existing(dss, OCSPS).keySet().containsAll(keys(data.ocspResponses()))
                && existing(dss, CRLS).keySet().containsAll(keys(data.crls()));
    }

    /**
     * Writes {@code data} for the signature whose /Contents are {@code signatureContents} and saves incrementally.
     */
    static void write(PDDocument document, byte[] signatureContents, ValidationData data, OutputStream out)
            throws IOException {
        add(document, signatureContents, data);
        document.saveIncremental(out);
    }

    /** Adds {@code data} to the document's /DSS (creating it) and marks what changed for an incremental save. */
    static void add(PDDocument document, byte[] signatureContents, ValidationData data) throws IOException {
        COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
        COSDictionary dss = catalog.getCOSDictionary(DSS);
        if (dss == null) {
            dss = new COSDictionary();
            catalog.setItem(DSS, dss);
        }
        COSArray certRefs = merge(document, dss, CERTS, data.certificates());
        COSArray ocspRefs = merge(document, dss, OCSPS, data.ocspResponses());
        COSArray crlRefs = merge(document, dss, CRLS, data.crls());

        COSDictionary vri = dss.getCOSDictionary(VRI);
        if (vri == null) {
            vri = new COSDictionary();
            dss.setItem(VRI, vri);
        }
        COSDictionary entry = new COSDictionary();
        entry.setItem(CERT, certRefs);
        if (ocspRefs.size() > 0) {
            entry.setItem(OCSP, ocspRefs);
        }
        if (crlRefs.size() > 0) {
            entry.setItem(CRL, crlRefs);
        }
        vri.setItem(COSName.getPDFName(vriKey(signatureContents)), entry);

        vri.setNeedToBeUpdated(true);
        dss.setNeedToBeUpdated(true);
        catalog.setNeedToBeUpdated(true);
    }

    static String vriKey(byte[] signatureContents) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(signatureContents));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the items missing from /DSS /{name}; returns an array referencing every item of {@code items}. */
    private static COSArray merge(PDDocument document, COSDictionary dss, COSName name, List<byte[]> items)
            throws IOException {
        COSArray all = dss.getCOSArray(name);
        if (all == null) {
            all = new COSArray();
            dss.setItem(name, all);
        }
        Map<ByteBuffer, COSStream> known = existing(dss, name);
        COSArray references = new COSArray();
        for (byte[] item : items) {
            ByteBuffer key = ByteBuffer.wrap(sha256(item));
            COSStream stream = known.get(key);
            if (stream == null) {
                stream = document.getDocument().createCOSStream();
                deflated(stream, item, key);
                all.add(stream);
                known.put(key, stream);
            }
            references.add(stream);
        }
        all.setNeedToBeUpdated(true);
        return references;
    }

    /**
     * Writes {@code item} Flate-encoded into {@code stream}. The certificates and OCSP/CRL answers of a batch are the
     * same in every document's /DSS: an item deflated before (remembered with its exact bytes, by its SHA-256) is
     * written as those deflated bytes again — what PDFBox's encoder made of these very bytes — instead of being
     * deflated once more.
     */
    private static void deflated(COSStream stream, byte[] item, ByteBuffer sha256) throws IOException {
        Deflated known;
        synchronized (DEFLATED) {
            known = DEFLATED.get(sha256);
        }
        if (known != null && Arrays.equals(known.item(), item)) {
            try (OutputStream raw = stream.createRawOutputStream()) {
                raw.write(known.flate());
            }
            stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
            return;
        }
        try (OutputStream body = stream.createOutputStream(COSName.FLATE_DECODE)) {
            body.write(item);
        }
        byte[] flate;
        try (InputStream raw = stream.createRawInputStream()) {
            flate = raw.readAllBytes();
        }
        remember(sha256, new Deflated(item.clone(), flate));
    }

    private static void remember(ByteBuffer sha256, Deflated deflated) {
        long size = deflated.size();
        if (size > DEFLATED_KEPT / 2) {
            return;
        }
        synchronized (DEFLATED) {
            Deflated replaced = DEFLATED.put(sha256, deflated);
            deflatedBytes += size - (replaced == null ? 0 : replaced.size());
            var eldest = DEFLATED.values().iterator();
            while (deflatedBytes > DEFLATED_KEPT && eldest.hasNext()) {
                deflatedBytes -= eldest.next().size();
                eldest.remove();
            }
        }
    }

    /** An evidence item and its Flate encoding. */
    private record Deflated(byte[] item, byte[] flate) {
        long size() {
            return (long) item.length + flate.length;
        }
    }

    private static Map<ByteBuffer, COSStream> existing(COSDictionary dss, COSName name) throws IOException {
        Map<ByteBuffer, COSStream> out = new HashMap<>();
        COSArray array = dss.getCOSArray(name);
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            COSBase object = array.getObject(i);
            if (object instanceof COSStream stream) {
                try (InputStream in = stream.createInputStream()) {
                    out.put(ByteBuffer.wrap(sha256(in.readAllBytes())), stream);
                }
            }
        }
        return out;
    }

    private static List<ByteBuffer> keys(List<byte[]> items) {
        return items.stream().map(i -> ByteBuffer.wrap(sha256(i))).toList();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
