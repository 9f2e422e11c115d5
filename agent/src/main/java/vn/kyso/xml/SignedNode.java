package vn.kyso.xml;

/**
 * One thing a signature covers, as a person can find it.
 *
 * @param uri  the Reference URI ("" for the whole document, "#id", or the detached file's name)
 * @param path the element's path ("/HDon/DLHDon"); for a detached file, its name
 * @param id   the element's Id; null for the whole document or a detached file
 */
public record SignedNode(String uri, String path, String id) {
}
