package org.jdive.rendering;

/** A window was asked for where there is no display to open it on. */
public final class DisplayUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DisplayUnavailableException(String why) {
        super(why + ". To watch anyway, run under a virtual display (xvfb-run -a <command>); to keep the "
                + "picture without a window, record the episode to a GIF (Recorder, or the --record option).");
    }

    /** Throws unless a display is named in {@code DISPLAY} or {@code WAYLAND_DISPLAY}. */
    static void requireDisplay() {
        if (blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new DisplayUnavailableException("No display: neither DISPLAY nor WAYLAND_DISPLAY is set");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
