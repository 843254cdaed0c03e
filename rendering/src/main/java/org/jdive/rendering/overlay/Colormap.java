package org.jdive.rendering.overlay;

/** Matplotlib's viridis colour map (dark purple → blue → green → yellow), sampled at nine stops. */
public final class Colormap {

    private static final int[] VIRIDIS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

    private Colormap() {
    }

    /** The colour for {@code t} in [0, 1] as {@code 0xRRGGBB}; values outside are clamped, NaN maps to 0. */
    public static int viridis(double t) {
        double clamped = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = clamped * (VIRIDIS.length - 1);
        int i = Math.min((int) pos, VIRIDIS.length - 2);
        double f = pos - i;
        int a = VIRIDIS[i];
        int b = VIRIDIS[i + 1];
        return mix(a >>> 16 & 0xFF, b >>> 16 & 0xFF, f) << 16 | mix(a >>> 8 & 0xFF, b >>> 8 & 0xFF, f) << 8
                | mix(a & 0xFF, b & 0xFF, f);
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
