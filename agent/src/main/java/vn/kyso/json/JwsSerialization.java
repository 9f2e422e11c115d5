package vn.kyso.json;

/** RFC 7515 §7 serializations this engine writes and reads. */
public enum JwsSerialization {
    /** header.payload.signature; no unprotected header, so JAdES B-B at most. */
    COMPACT,
    /** {"payload","protected","header","signature"} — one signature, room for the etsiU unprotected header. */
    FLATTENED
}
