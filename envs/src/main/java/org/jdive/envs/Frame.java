package org.jdive.envs;

/**
 * An RGB image, 8 bits per channel, row-major from the top-left: {@code rgb.length == width * height * 3}.
 *
 * @param width  in pixels
 * @param height in pixels
 * @param rgb    red, green, blue of each pixel (unsigned bytes), row by row from the top-left
 */
public record Frame(int width, int height, byte[] rgb) {
    /**
     * Checks the length of {@code rgb}.
     *
     * @throws IllegalArgumentException if {@code rgb} does not hold {@code width * height * 3} bytes
     */
    public Frame {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "frame of " + width + "x" + height + " needs " + width * height * 3 + " bytes, got " + rgb.length);
        }
    }
}
