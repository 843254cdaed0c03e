package org.jdive.rendering.record;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jdive.envs.Frame;

/**
 * A frame as palette indices, ready for GIF: frames with at most 256 colours (every jdive env frame) keep
 * their colours exactly; others are mapped to a fixed 6x7x6 colour cube (252 colours) by rounding each
 * channel, which is coarse but needs no search.
 *
 * @param width   pixels across
 * @param height  pixels down
 * @param palette {@code 0xRRGGBB} colours, at most 256
 * @param indices one palette index per pixel, row-major
 */
public record IndexedImage(int width, int height, int[] palette, byte[] indices) {

    private static final int MAX_COLORS = 256;
    private static final int CUBE_R = 6;
    private static final int CUBE_G = 7;
    private static final int CUBE_B = 6;

    /** Indexes {@code frame}: exactly when it has at most 256 colours, through the colour cube otherwise. */
    public static IndexedImage of(Frame frame) {
        IndexedImage exact = exact(frame);
        return exact != null ? exact : quantised(frame);
    }

    /** The frame with its own colours, or null when it has more than 256. */
    private static IndexedImage exact(Frame frame) {
        byte[] rgb = frame.rgb();
        byte[] indices = new byte[frame.width() * frame.height()];
        Map<Integer, Integer> seen = new HashMap<>();
        int[] palette = new int[MAX_COLORS];
        for (int p = 0; p < indices.length; p++) {
            int color = rgbAt(rgb, p);
            Integer index = seen.get(color);
            if (index == null) {
                if (seen.size() == MAX_COLORS) {
                    return null;
                }
                index = seen.size();
                seen.put(color, index);
                palette[index] = color;
            }
            indices[p] = (byte) (int) index;
        }
        return new IndexedImage(frame.width(), frame.height(), Arrays.copyOf(palette, seen.size()), indices);
    }

    private static IndexedImage quantised(Frame frame) {
        int[] palette = new int[CUBE_R * CUBE_G * CUBE_B];
        for (int r = 0; r < CUBE_R; r++) {
            for (int g = 0; g < CUBE_G; g++) {
                for (int b = 0; b < CUBE_B; b++) {
                    palette[(r * CUBE_G + g) * CUBE_B + b] = level(r, CUBE_R) << 16 | level(g, CUBE_G) << 8 | level(b, CUBE_B);
                }
            }
        }
        byte[] rgb = frame.rgb();
        byte[] indices = new byte[frame.width() * frame.height()];
        for (int p = 0; p < indices.length; p++) {
            int r = step(rgb[3 * p], CUBE_R);
            int g = step(rgb[3 * p + 1], CUBE_G);
            int b = step(rgb[3 * p + 2], CUBE_B);
            indices[p] = (byte) ((r * CUBE_G + g) * CUBE_B + b);
        }
        return new IndexedImage(frame.width(), frame.height(), palette, indices);
    }

    private static int rgbAt(byte[] rgb, int p) {
        return (rgb[3 * p] & 0xFF) << 16 | (rgb[3 * p + 1] & 0xFF) << 8 | rgb[3 * p + 2] & 0xFF;
    }

    private static int level(int step, int levels) {
        return Math.round(step * 255f / (levels - 1));
    }

    private static int step(byte channel, int levels) {
        return Math.round((channel & 0xFF) * (levels - 1) / 255f);
    }
}
