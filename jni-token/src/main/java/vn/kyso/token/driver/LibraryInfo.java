package vn.kyso.token.driver;

/** What a library says about itself in C_GetInfo, trimmed of PKCS#11's blank padding. */
public record LibraryInfo(String description, String manufacturer, String libraryVersion, String cryptokiVersion) {
}
