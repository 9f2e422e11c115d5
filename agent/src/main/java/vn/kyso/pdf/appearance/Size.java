package vn.kyso.pdf.appearance;

/** A width and height in points, as the reader sees them (upright). */
record Size(float width, float height) {

    /** {@code image} scaled to {@code width} wide, keeping its proportions. */
    static Size ofWidth(StampImage image, float width) {
        return new Size(width, (float) (width * image.aspectRatio()));
    }

    /** The largest size of {@code image}'s proportions that fits in {@code maxWidth} × {@code maxHeight}. */
    static Size fit(StampImage image, float maxWidth, float maxHeight) {
        Size byWidth = ofWidth(image, maxWidth);
        if (byWidth.height <= maxHeight) {
            return byWidth;
        }
        return new Size((float) (maxHeight / image.aspectRatio()), maxHeight);
    }
}
