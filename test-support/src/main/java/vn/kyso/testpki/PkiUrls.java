package vn.kyso.testpki;

/** Where the test PKI's services live; baked into every certificate's AIA and CRL distribution point. */
public record PkiUrls(String baseUrl) {

    public PkiUrls {
        if (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    public static PkiUrls loopback(int port) {
        return new PkiUrls("http://127.0.0.1:" + port);
    }

    public String ocsp() {
        return baseUrl + "/ocsp";
    }

    public String tsa() {
        return baseUrl + "/tsa";
    }

    public String crl(String caAlias) {
        return baseUrl + "/crl/" + caAlias + ".crl";
    }

    public String caIssuers(String caAlias) {
        return baseUrl + "/ca/" + caAlias + ".crt";
    }
}
