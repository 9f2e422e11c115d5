package vn.kyso.verify.report;

import java.util.List;

import vn.kyso.verify.Indication;

/**
 * One signature as people read it: a title ("Chữ ký 1 (ô Signature1)"), its verdict and labelled rows.
 */
public record ReadableSignature(String title, Indication indication, String verdict, List<Row> rows) {

    public ReadableSignature {
        rows = List.copyOf(rows);
    }

    /** One labelled line; {@code value} is never null (a missing fact is said in words). */
    public record Row(String label, String value) {
    }
}
