package org.jdive.gan.data;

import java.awt.image.BufferedImage;

/** 8-bit RGB pixels to {@code [C, H, W]} floats in [-1, 1] (C = 1: ITU-R 601 luma, as PIL's {@code convert("L")}). */
final class Pixels {

    private Pixels() {
    }

    static float[] fromRgb(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return fromRgb(rgb, w, h, channels);
    }

    /** Interleaved RGB bytes, row-major from the top-left. */
    static float[] fromRgb(byte[] rgb, int w, int h, int channels) {
        int plane = w * h;
        float[] out = new float[channels * plane];
        for (int i = 0; i < plane; i++) {
            int r = rgb[3 * i] & 0xff;
            int g = rgb[3 * i + 1] & 0xff;
            int b = rgb[3 * i + 2] & 0xff;
            if (channels == 1) {
                out[i] = scale((r * 299 + g * 587 + b * 114) / 1000f);
            } else {
                out[i] = scale(r);
                out[plane + i] = scale(g);
                out[2 * plane + i] = scale(b);
            }
        }
        return out;
    }

    private static float scale(float level) {
        return 2f * level / 255f - 1f;
    }
}
