package org.jdive.envs.arcade;

/**
 * The colours of the arcade games' frames, one per channel index (all games share them, as MinAtar's viewer
 * colours channels by index): ten well-separated colours on a black background, brightest for the
 * low-index player channels.
 */
public final class ArcadePalette {

    private static final int[] COLORS = {
        0x4FC3F7, // 0 light blue: the player (paddle, cannon, chicken, sub front)
        0xFFD54F, // 1 amber
        0x9E9E9E, // 2 grey: trails in Breakout and Asterix
        0xE57373, // 3 red
        0x81C784, // 4 green
        0xBA68C8, // 5 purple
        0xFF8A65, // 6 orange
        0x4DB6AC, // 7 teal
        0xF06292, // 8 pink
        0xFFFFFF, // 9 white
    };

    private ArcadePalette() {
    }

    /** The colour of channel {@code channel} as {@code 0xRRGGBB}. */
    public static int rgb(int channel) {
        if (channel < 0 || channel >= COLORS.length) {
            throw new IllegalArgumentException(
                    "the palette has colours for channels 0.." + (COLORS.length - 1) + ", not " + channel);
        }
        return COLORS[channel];
    }
}
