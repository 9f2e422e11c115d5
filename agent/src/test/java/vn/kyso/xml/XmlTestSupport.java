package vn.kyso.xml;

/** The XML test fixture for tests in other packages (protocol, CLI). */
public final class XmlTestSupport {

    private XmlTestSupport() {
    }

    /** The sample e-invoice (unsigned). */
    public static byte[] invoice() {
        return XmlFixture.invoice();
    }
}
