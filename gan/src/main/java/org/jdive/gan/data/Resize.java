package org.jdive.gan.data;

/** Bilinear resizing of {@code [C, H, W]} images with PyTorch's {@code align_corners=False} sampling. */
public final class Resize {

    private Resize() {
    }

    /** {@code src} ({@code [c, h, w]}) resized to {@code [c, outH, outW]}. */
    public static float[] bilinear(float[] src, int c, int h, int w, int outH, int outW) {
        if (src.length != c * h * w || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("resize: " + src.length + " values are not [" + c + ", " + h + ", " + w
                    + "] or the target " + outH + "x" + outW + " is empty");
        }
        float[] out = new float[c * outH * outW];
        float sy = (float) h / outH;
        float sx = (float) w / outW;
        for (int y = 0; y < outH; y++) {
            float fy = Math.max(0f, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            float ty = fy - y0;
            for (int x = 0; x < outW; x++) {
                float fx = Math.max(0f, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                float tx = fx - x0;
                for (int ch = 0; ch < c; ch++) {
                    int b = ch * h * w;
                    float top = src[b + y0 * w + x0] * (1 - tx) + src[b + y0 * w + x1] * tx;
                    float bottom = src[b + y1 * w + x0] * (1 - tx) + src[b + y1 * w + x1] * tx;
                    out[ch * outH * outW + y * outW + x] = top * (1 - ty) + bottom * ty;
                }
            }
        }
        return out;
    }
}
