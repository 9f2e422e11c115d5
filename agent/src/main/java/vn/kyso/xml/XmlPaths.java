package vn.kyso.xml;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Readable element paths ("/HDon/DLHDon", "/a/b[2]") for consent dialogs and reports. */
public final class XmlPaths {

    private XmlPaths() {
    }

    public static String of(Element element) {
        StringBuilder path = new StringBuilder();
        for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
            int index = 0;
            int same = 0;
            for (Node sibling = current.getParentNode() == null ? current
                    : current.getParentNode().getFirstChild(); sibling != null; sibling = sibling.getNextSibling()) {
                if (sibling instanceof Element other && other.getTagName().equals(current.getTagName())) {
                    same++;
                    if (other == current) {
                        index = same;
                    }
                }
                if (current.getParentNode() == null) {
                    break;
                }
            }
            path.insert(0, same > 1 ? "/" + current.getTagName() + "[" + index + "]" : "/" + current.getTagName());
        }
        return path.toString();
    }
}
