package org.jdive.rendering;

/**
 * Where a frame goes in a window: as large as fits with its aspect ratio kept, centred, the rest left as bars.
 *
 * @param x      left edge in window pixels
 * @param y      top edge in window pixels
 * @param scale  window pixels per frame pixel (the same both ways)
 * @param width  drawn width in window pixels
 * @param height drawn height in window pixels
 */
public record Viewport(float x, float y, float scale, float width, float height) {

    /** Fits a {@code frameWidth x frameHeight} frame into a {@code windowWidth x windowHeight} window. */
    public static Viewport fit(int frameWidth, int frameHeight, int windowWidth, int windowHeight) {
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + frameWidth + "x" + frameHeight);
        }
        float scale = Math.max(0, Math.min((float) windowWidth / frameWidth, (float) windowHeight / frameHeight));
        float w = frameWidth * scale;
        float h = frameHeight * scale;
        return new Viewport((windowWidth - w) / 2, (windowHeight - h) / 2, scale, w, h);
    }
}
