package org.jdive.rendering;

import static org.lwjgl.glfw.GLFW.GLFW_KEY_DOWN;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_EQUAL;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_ESCAPE;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_H;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_KP_ADD;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_KP_SUBTRACT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_LEFT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_LEFT_BRACKET;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_MINUS;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_O;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_P;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_R;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_RIGHT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_RIGHT_BRACKET;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_S;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_SPACE;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_UP;
import static org.lwjgl.glfw.GLFW.GLFW_PRESS;
import static org.lwjgl.glfw.GLFW.GLFW_RELEASE;
import static org.lwjgl.glfw.GLFW.GLFW_REPEAT;

import org.jdive.rendering.play.Command;
import org.jdive.rendering.play.HumanControls.Pad;
import org.jdive.rendering.play.PlaySession;

/**
 * The window's keys, by GLFW key code: space pause/resume, → one step while paused, + (or =) and − speed,
 * R reset, H HUD, O overlays, S screenshot, [ and ] value sweeps, Esc quit. In human play the arrows and
 * space are the game pad, and P pauses.
 */
final class KeyBindings {

    private final boolean humanPlay;

    KeyBindings(boolean humanPlay) {
        this.humanPlay = humanPlay;
    }

    /** Passes one GLFW key event to {@code session}. */
    void handle(PlaySession session, int key, int action) {
        if (humanPlay) {
            Pad pad = pad(key);
            if (pad != null) {
                if (action == GLFW_PRESS) {
                    session.press(pad);
                } else if (action == GLFW_RELEASE) {
                    session.release(pad);
                }
                return;
            }
        }
        Command command = command(key);
        boolean repeatable = command == Command.STEP || command == Command.FASTER || command == Command.SLOWER
                || command == Command.NEXT_SWEEP || command == Command.PREVIOUS_SWEEP;
        if (command != null && (action == GLFW_PRESS || action == GLFW_REPEAT && repeatable)) {
            session.apply(command);
        }
    }

    private Command command(int key) {
        return switch (key) {
            case GLFW_KEY_SPACE -> humanPlay ? null : Command.TOGGLE_PAUSE;
            case GLFW_KEY_P -> humanPlay ? Command.TOGGLE_PAUSE : null;
            case GLFW_KEY_RIGHT -> Command.STEP;
            case GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD -> Command.FASTER;
            case GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT -> Command.SLOWER;
            case GLFW_KEY_R -> Command.RESET;
            case GLFW_KEY_H -> Command.TOGGLE_HUD;
            case GLFW_KEY_O -> Command.TOGGLE_OVERLAYS;
            case GLFW_KEY_S -> Command.SCREENSHOT;
            case GLFW_KEY_RIGHT_BRACKET -> Command.NEXT_SWEEP;
            case GLFW_KEY_LEFT_BRACKET -> Command.PREVIOUS_SWEEP;
            case GLFW_KEY_ESCAPE -> Command.QUIT;
            default -> null;
        };
    }

    private static Pad pad(int key) {
        return switch (key) {
            case GLFW_KEY_LEFT -> Pad.LEFT;
            case GLFW_KEY_RIGHT -> Pad.RIGHT;
            case GLFW_KEY_UP -> Pad.UP;
            case GLFW_KEY_DOWN -> Pad.DOWN;
            case GLFW_KEY_SPACE -> Pad.FIRE;
            default -> null;
        };
    }
}
