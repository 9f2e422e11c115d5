package vn.kyso.xml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Tax Department's e-invoice layout (hóa đơn điện tử, Thông tư 78/2021, QĐ 1510/QĐ-TCT): root {@code HDon}, the
 * invoice data in {@code DLHDon Id="…"}, and the signatures in {@code DSCKS} ({@code NBan} for the seller). What the
 * consent dialog and the verification report show is read here, and only from the element that is signed.
 */
public final class EInvoice {

    public static final String ROOT = "HDon";
    public static final String DATA = "DLHDon";
    public static final String SIGNATURES = "DSCKS";
    public static final String SELLER_SIGNATURE = "NBan";

    /**
     * What a person needs to recognise the invoice.
     *
     * @param number   mẫu số + ký hiệu + số hóa đơn (KHMSHDon, KHHDon, SHDon), e.g. "1C25TAA-0000123"
     * @param seller   NBan/Ten, with the tax code (MST) when present
     * @param buyer    NMua/Ten, or the buyer's personal name (HVTNMHang) for a person, with MST when present
     * @param total    TToan/TgTTTBSo (total to pay, in figures), with the currency (DVTTe)
     */
    public record Summary(String number, String seller, String buyer, String total) {
    }

    private EInvoice() {
    }

    public static boolean is(Document document) {
        Element root = document.getDocumentElement();
        return root != null && ROOT.equals(root.getLocalName()) && child(root, DATA) != null;
    }

    /** The document's {@code /HDon/DLHDon}; null when it is not an e-invoice. */
    public static Element data(Document document) {
        return is(document) ? child(document.getDocumentElement(), DATA) : null;
    }

    /** Reads the summary from a {@code DLHDon} element; fields the invoice lacks are empty. */
    public static Summary summary(Element data) {
        Element general = child(data, "TTChung");
        Element content = child(data, "NDHDon");
        Element seller = child(content, "NBan");
        Element buyer = child(content, "NMua");
        Element totals = child(content, "TToan");
        String series = text(general, "KHMSHDon") + text(general, "KHHDon");
        String number = text(general, "SHDon");
        String buyerName = text(buyer, "Ten").isEmpty() ? text(buyer, "HVTNMHang") : text(buyer, "Ten");
        String total = text(totals, "TgTTTBSo");
        String currency = text(general, "DVTTe");
        return new Summary(series.isEmpty() ? number : series + "-" + number,
                withTaxCode(text(seller, "Ten"), text(seller, "MST")), withTaxCode(buyerName, text(buyer, "MST")),
                total.isEmpty() || currency.isEmpty() ? total : total + " " + currency);
    }

    private static String withTaxCode(String name, String taxCode) {
        return taxCode.isEmpty() ? name : name + " (MST " + taxCode + ")";
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element element = child(parent, localName);
        return element == null ? "" : element.getTextContent().strip();
    }
}
