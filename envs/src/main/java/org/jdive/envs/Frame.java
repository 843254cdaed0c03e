package org.jdive.envs;

/** An RGB image, 8 bits per channel, row-major from the top-left: {@code rgb.length == width * height * 3}. */
public record Frame(int width, int height, byte[] rgb) {
    public Frame {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "frame of " + width + "x" + height + " needs " + width * height * 3 + " bytes, got " + rgb.length);
        }
    }
}
