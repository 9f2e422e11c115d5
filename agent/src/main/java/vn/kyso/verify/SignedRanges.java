package vn.kyso.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * What the signatures of one PDF file share when their byte ranges are read: every signature's first range starts
 * at byte 0, and a later signature's first range runs through every earlier signature's first range. Each
 * signature's digest is the digest of the file's first {@code length1} bytes followed by its second range, so one
 * pass over the file hashes every first range: the digest state is saved at each signature's {@code length1} on the
 * way and a copy is finished with that signature's second range. A three-signature document hashed its first
 * revision three times and its second twice. The states are of this very array, for this verification only.
 *
 * <p>It also keeps which signatures' gaps PDFBox's parse (see {@link PdfLoading}) already read as a hex string of
 * digits only, from the '&lt;' at {@code length1} to the '&gt;' just before {@code start2}: the byte-range rule's
 * scan of those bytes would only find the same digits again.
 */
final class SignedRanges {

    private static final Map<ASN1ObjectIdentifier, String> ALGORITHMS = Map.of(
            NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384",
            NISTObjectIdentifiers.id_sha512, "SHA-512");

    private final byte[] file;
    /** Each usable signature's {@code length1}, ascending. */
    private final int[] prefixes;
    private final List<long[]> hexGaps;
    private final Map<String, Pass> passes = new HashMap<>();

    /**
     * @param byteRanges the signatures' /ByteRange arrays as written
     * @param hexGaps    the gaps ({@code length1}, {@code start2}) the parse read as hex digits only
     */
    SignedRanges(byte[] file, List<long[]> byteRanges, List<long[]> hexGaps) {
        this.file = file;
        this.prefixes = byteRanges.stream().filter(this::usable).mapToInt(range -> (int) range[1]).distinct().sorted()
                .toArray();
        this.hexGaps = List.copyOf(hexGaps);
    }

    /** The ranges of the file's signatures, with the gaps {@code loaded} read as hex digits only. */
    static SignedRanges of(byte[] file, List<PdfSignature> signatures, PdfLoading.Loaded loaded) {
        List<long[]> ranges = signatures.stream().map(PdfSignature::byteRange).toList();
        List<long[]> hex = ranges.stream().filter(range -> range.length == 4 && range[1] >= 0 && range[2] >= 0
                && loaded.hexStringAt(range[1], range[2]) != null).map(range -> new long[] {range[1], range[2]})
                .toList();
        return new SignedRanges(file, ranges, hex);
    }

    /** Whether the bytes from {@code from} up to {@code to} were read by the parse as '&lt;', hex digits, '&gt;'. */
    boolean hexDigitsOnly(long from, long to) {
        for (long[] gap : hexGaps) {
            if (gap[0] == from && gap[1] == to) {
                return true;
            }
        }
        return false;
    }

    /**
     * The digest of {@code byteRange}'s two ranges of the file with {@code algorithm}; null when the algorithm or the
     * ranges are not ones this shares (the caller hashes the bytes itself).
     */
    byte[] digest(AlgorithmIdentifier algorithm, long[] byteRange) {
        String name = ALGORITHMS.get(algorithm.getAlgorithm());
        if (name == null || !usable(byteRange)) {
            return null;
        }
        MessageDigest digest;
        synchronized (passes) {
            digest = passes.computeIfAbsent(name, Pass::new).stateAt((int) byteRange[1]);
        }
        if (digest == null) {
            return null;
        }
        digest.update(file, (int) byteRange[2], (int) byteRange[3]);
        return digest.digest();
    }

    /** Four numbers, the first range from 0 inside the file, the second after it and inside the file. */
    private boolean usable(long[] range) {
        return range.length == 4 && range[0] == 0 && range[1] > 0 && range[1] <= file.length
                && range[2] >= range[1] && range[3] >= 0 && range[2] + range[3] <= file.length;
    }

    /** One algorithm's pass over the file, with the states saved at every prefix it went through. */
    private final class Pass {
        private final MessageDigest running;
        private int position;
        private final TreeMap<Integer, MessageDigest> saved = new TreeMap<>();

        Pass(String algorithm) {
            try {
                running = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A copy of the state after the first {@code prefix} bytes, null when that is no signature's prefix. */
        MessageDigest stateAt(int prefix) {
            try {
                MessageDigest known = saved.get(prefix);
                if (known != null) {
                    return (MessageDigest) known.clone();
                }
                for (int next : prefixes) {
                    if (next > position && next <= prefix) {
                        running.update(file, position, next - position);
                        position = next;
                        saved.put(next, (MessageDigest) running.clone());
                    }
                }
                known = saved.get(prefix);
                return known == null ? null : (MessageDigest) known.clone();
            } catch (CloneNotSupportedException e) {
                return null;
            }
        }
    }
}
