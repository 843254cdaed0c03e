package org.jdive.envs.toytext;

/** Gymnasium's {@code utils.colorize}: ANSI colour escapes for the text views. */
final class Ansi {

    static final int RED = 31;
    static final int GREEN = 32;
    static final int YELLOW = 33;
    static final int BLUE = 34;
    static final int MAGENTA = 35;

    private Ansi() {
    }

    /** {@code text} in {@code color}; {@code highlight} colours the background instead, {@code bold} adds weight. */
    static String colorize(String text, int color, boolean highlight, boolean bold) {
        String attrs = (highlight ? color + 10 : color) + (bold ? ";1" : "");
        return "\u001b[" + attrs + "m" + text + "\u001b[0m";
    }
}
