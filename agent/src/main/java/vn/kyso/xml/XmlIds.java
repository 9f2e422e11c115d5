package vn.kyso.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import vn.kyso.errors.KysoException;

/**
 * Every Id-like attribute of a document (Id, ID, id, without namespace), by value. A signature reference "#x" may
 * only resolve when exactly one element carries x: a second element with the same Id is how signature wrapping
 * makes a verifier check one element and show another, so a duplicate is refused rather than "the first one" taken.
 * Only unique values are registered as DOM Ids, so Santuario's resolver cannot pick between copies either.
 */
public final class XmlIds {

    private static final Set<String> NAMES = Set.of("Id", "ID", "id");

    private final Map<String, List<Attr>> byValue;

    private XmlIds(Map<String, List<Attr>> byValue) {
        this.byValue = byValue;
    }

    public static XmlIds index(Document document) {
        Map<String, List<Attr>> byValue = new HashMap<>();
        Deque<Element> pending = new ArrayDeque<>();
        if (document.getDocumentElement() != null) {
            pending.push(document.getDocumentElement());
        }
        while (!pending.isEmpty()) {
            Element element = pending.pop();
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (attribute.getNamespaceURI() == null && NAMES.contains(attribute.getLocalName())) {
                    byValue.computeIfAbsent(attribute.getValue(), k -> new ArrayList<>(1)).add(attribute);
                }
            }
            for (Node child = element.getLastChild(); child != null; child = child.getPreviousSibling()) {
                if (child instanceof Element childElement) {
                    pending.push(childElement);
                }
            }
        }
        XmlIds ids = new XmlIds(byValue);
        for (List<Attr> attributes : byValue.values()) {
            if (attributes.size() == 1) {
                Attr attribute = attributes.get(0);
                attribute.getOwnerElement().setIdAttributeNode(attribute, true);
            }
        }
        return ids;
    }

    /**
     * The one element carrying {@code id}.
     *
     * @throws KysoException XML_ID_NOT_FOUND, or XML_DUPLICATE_ID when more than one element carries it
     */
    public Element unique(String id) {
        List<Attr> attributes = byValue.get(id);
        if (attributes == null) {
            throw new KysoException(XmlError.XML_ID_NOT_FOUND, id);
        }
        if (attributes.size() > 1) {
            throw new KysoException(XmlError.XML_DUPLICATE_ID, id, attributes.size());
        }
        return attributes.get(0).getOwnerElement();
    }

    /** How many elements carry {@code id}. */
    public int count(String id) {
        List<Attr> attributes = byValue.get(id);
        return attributes == null ? 0 : attributes.size();
    }

    /**
     * An Id value no element uses yet, starting with {@code prefix}, set on {@code owner} and reserved from now on;
     * with a null owner only reserved (for an element another library creates).
     */
    public String fresh(String prefix, Element owner) {
        String candidate = prefix;
        for (int i = 2; byValue.containsKey(candidate); i++) {
            candidate = prefix + "-" + i;
        }
        List<Attr> attributes = new ArrayList<>(1);
        if (owner != null) {
            owner.setAttributeNS(null, "Id", candidate);
            Attr attribute = owner.getAttributeNodeNS(null, "Id");
            owner.setIdAttributeNode(attribute, true);
            attributes.add(attribute);
        }
        byValue.put(candidate, attributes);
        return candidate;
    }
}
