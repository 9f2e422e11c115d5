package vn.kyso.xml;

/**
 * What reading one XML document may cost: its size in bytes and how deeply its elements nest. DTDs (and so entity
 * expansion) are refused outright, so size bounds everything else.
 */
public record XmlLimits(long maxBytes, int maxDepth) {

    /** 20 MB: e-invoices and declarations are kilobytes; a 1 MB invoice with thousands of lines still fits. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    /** Real documents nest a dozen levels; 10,000-deep input exists only to exhaust a parser's stack. */
    public static final int DEFAULT_MAX_DEPTH = 256;

    public XmlLimits {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static XmlLimits defaults() {
        return new XmlLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);
    }
}
