package vn.kyso.verify;

/**
 * One change after a signature.
 *
 * @param where   e.g. "page 1" or the field name
 * @param allowed whether the signer's DocMDP permissions (or their absence) allow it
 */
public record Change(ChangeKind kind, String where, boolean allowed) {
}
