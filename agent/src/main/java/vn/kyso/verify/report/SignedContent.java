package vn.kyso.verify.report;

import static vn.kyso.verify.report.ReportWording.pick;

import java.util.ArrayList;
import java.util.List;

import vn.kyso.errors.Language;
import vn.kyso.json.JsonSummary;
import vn.kyso.verify.XmlSignatureFacts;
import vn.kyso.xml.EInvoice;
import vn.kyso.xml.SignedNode;

/**
 * What the signatures sign, as rows added to each signature's table in the PDF and HTML reports — the same facts the
 * text and JSON reports give: for XML the element path and Id each signature covers and, for an e-invoice, its
 * number, seller, buyer and total; for JSON a summary of the signed values. A PDF signs byte ranges the report already
 * names, so it has none.
 *
 * @param perSignature rows for signature i, index for index with the report's signatures (may be shorter)
 * @param everySignature rows that hold for every signature (a JWS's signatures all sign the one payload)
 */
public record SignedContent(List<List<ReadableSignature.Row>> perSignature,
                            List<ReadableSignature.Row> everySignature) {

    public static final SignedContent NONE = new SignedContent(List.of(), List.of());

    public SignedContent {
        perSignature = perSignature.stream().map(List::copyOf).toList();
        everySignature = List.copyOf(everySignature);
    }

    /** An XML document's signatures, in the verifier's order. */
    public static SignedContent ofXml(List<XmlSignatureFacts> signatures, Language lang) {
        List<List<ReadableSignature.Row>> rows = new ArrayList<>();
        for (XmlSignatureFacts facts : signatures) {
            List<ReadableSignature.Row> own = new ArrayList<>();
            own.add(new ReadableSignature.Row(pick(lang, "Vị trí chữ ký", "Signature element"), facts.path()
                    + (facts.xades() ? " (XAdES)" : " (XMLDSig)")));
            for (SignedNode node : facts.signedNodes()) {
                own.add(new ReadableSignature.Row(pick(lang, "Phần được ký", "Signed part"),
                        (node.path() == null || node.path().isEmpty() ? node.uri() : node.path())
                                + (node.id() == null ? "" : " (Id " + node.id() + ")")));
            }
            EInvoice.Summary invoice = facts.invoice();
            if (invoice != null) {
                own.add(row(pick(lang, "Hóa đơn số", "Invoice number"), invoice.number(), lang));
                own.add(row(pick(lang, "Người bán", "Seller"), invoice.seller(), lang));
                own.add(row(pick(lang, "Người mua", "Buyer"), invoice.buyer(), lang));
                own.add(row(pick(lang, "Tổng tiền", "Total"), invoice.total(), lang));
            }
            rows.add(own);
        }
        return new SignedContent(rows, List.of());
    }

    /** A JWS's payload, as the consent dialog showed it ("path: value"; at most {@link JsonSummary#MAX_LINES}). */
    public static SignedContent ofJson(JsonSummary payload, Language lang) {
        return new SignedContent(List.of(), List.of(new ReadableSignature.Row(
                pick(lang, "Nội dung đã ký", "Signed content"), String.join("; ", payload.lines()))));
    }

    /** The rows for the signature at {@code index}. */
    List<ReadableSignature.Row> rowsFor(int index) {
        List<ReadableSignature.Row> rows = new ArrayList<>(index < perSignature.size() ? perSignature.get(index)
                : List.of());
        rows.addAll(everySignature);
        return rows;
    }

    private static ReadableSignature.Row row(String label, String value, Language lang) {
        return new ReadableSignature.Row(label, value == null || value.isBlank()
                ? pick(lang, "(không có trong hóa đơn)", "(not in the invoice)") : value);
    }
}
