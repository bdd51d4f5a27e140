package org.lethe.tensor;

/**
 * The shape of one image's 2-D convolution: input {@code [channels, height, width]}, a
 * {@code kernelH x kernelW} window moved by {@code stride}, and {@code padding} zeros on every border. The
 * unfolded ("im2col") block of an image has {@link #patchSize()} rows, one per {@code (channel, kernel row,
 * kernel column)}, and {@link #positions()} columns, one per output position.
 */
public final class ConvGeometry {
    public final int channels;
    public final int height;
    public final int width;
    public final int kernelH;
    public final int kernelW;
    public final int stride;
    public final int padding;
    public final int outHeight;
    public final int outWidth;

    public ConvGeometry(int channels, int height, int width, int kernelH, int kernelW, int stride, int padding) {
        if (channels < 1 || height < 1 || width < 1 || kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("convolution needs positive sizes, got input " + channels + "x" + height
                    + "x" + width + " and kernel " + kernelH + "x" + kernelW);
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("convolution needs stride >= 1 and padding >= 0, got stride " + stride
                    + " and padding " + padding);
        }
        if (height + 2 * padding < kernelH || width + 2 * padding < kernelW) {
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + " is larger than the padded input "
                    + (height + 2 * padding) + "x" + (width + 2 * padding));
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.kernelH = kernelH;
        this.kernelW = kernelW;
        this.stride = stride;
        this.padding = padding;
        this.outHeight = (height + 2 * padding - kernelH) / stride + 1;
        this.outWidth = (width + 2 * padding - kernelW) / stride + 1;
    }

    /** Rows of the unfolded block: {@code channels * kernelH * kernelW}. */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }

    /** Columns of the unfolded block: {@code outHeight * outWidth}. */
    public int positions() {
        return outHeight * outWidth;
    }

    /**
     * The first output column whose input column, for kernel column {@code j}, lies inside the image rather than
     * in the padding (at most {@code outWidth}).
     */
    public int firstInsideColumn(int j) {
        int lowest = padding - j;
        return Math.min(outWidth, lowest <= 0 ? 0 : (lowest + stride - 1) / stride);
    }

    /**
     * One past the last output column whose input column, for kernel column {@code j}, lies inside the image
     * (never below {@link #firstInsideColumn}); columns from there to {@code outWidth} read padding.
     */
    public int endInsideColumn(int j) {
        int highest = width - 1 + padding - j;
        int last = highest < 0 ? -1 : highest / stride;
        return Math.max(firstInsideColumn(j), Math.min(outWidth, last + 1));
    }

    /** Elements of one input image. */
    public int imageSize() {
        return channels * height * width;
    }

    /**
     * For each element {@code row * positions() + column} of the unfolded block, the index of its source element
     * in the image, or -1 where the window covers padding. Cached, since it depends only on the geometry.
     */
    public int[] unfoldMap() {
        return IndexMaps.cached("im2col" + this, () -> {
            int positions = positions();
            int[] map = new int[patchSize() * positions];
            int row = 0;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < kernelH; i++) {
                    for (int j = 0; j < kernelW; j++, row++) {
                        for (int oh = 0; oh < outHeight; oh++) {
                            int ih = oh * stride - padding + i;
                            for (int ow = 0; ow < outWidth; ow++) {
                                int iw = ow * stride - padding + j;
                                boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
                                map[row * positions + oh * outWidth + ow] = inside ? (c * height + ih) * width + iw : -1;
                            }
                        }
                    }
                }
            }
            return map;
        });
    }

    @Override
    public String toString() {
        return "[" + channels + "x" + height + "x" + width + " k" + kernelH + "x" + kernelW + " s" + stride + " p"
                + padding + "]";
    }
}
