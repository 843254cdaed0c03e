package org.jdive.rendering.play;

/** What the viewer's keys ask of a {@link PlaySession}; {@code KeyBindings} in the window maps keys to these. */
public enum Command {
    /** Space (P in human play): stop or resume stepping. */
    TOGGLE_PAUSE,
    /** Right arrow while paused: advance exactly one step. */
    STEP,
    /** + : double the speed. */
    FASTER,
    /** − : halve the speed. */
    SLOWER,
    /** R: start a new episode. */
    RESET,
    /** H: show or hide the HUD. */
    TOGGLE_HUD,
    /** O: show or hide the overlays. */
    TOGGLE_OVERLAYS,
    /** S: save a screenshot. */
    SCREENSHOT,
    /** ] : the next value-iteration sweep in the value overlay. */
    NEXT_SWEEP,
    /** [ : the previous sweep. */
    PREVIOUS_SWEEP,
    /** Esc or closing the window. */
    QUIT
}
