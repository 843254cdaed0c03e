package org.jdive.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_ESCAPE;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_H;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_LEFT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_MINUS;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_O;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_R;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_RIGHT;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_S;
import static org.lwjgl.glfw.GLFW.GLFW_KEY_SPACE;
import static org.lwjgl.glfw.GLFW.GLFW_PRESS;
import static org.lwjgl.glfw.GLFW.GLFW_RELEASE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.HumanControls;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Images;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real window, on a display (CI runs the tests under xvfb-run, so these run there). */
class PlayWindowTest {

    @BeforeAll
    static void needsADisplay() {
        String display = System.getenv("DISPLAY");
        assumeTrue(display != null && !display.isBlank(), "no DISPLAY: run the tests under xvfb-run -a");
    }

    private static PlaySession session(String id, Policy policy) {
        return new PlaySession(id, Envs.make(id), policy, 10, 0);
    }

    @Test
    void drawsTheEnvFrameScaledUpPixelForPixel(@TempDir Path dir) {
        Env env = Envs.make("FrozenLake-v1");
        PlaySession session = new PlaySession("FrozenLake-v1", env, Policy.random(env, 0), 10, 0);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_HUD);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_OVERLAYS);
        try (PlayWindow window = PlayWindow.open(new Scene(session), 384, 384, "test", dir)) {
            window.draw();
            Frame shown = window.readPixels();
            assertEquals(384, shown.width());
            assertArrayEquals(Images.scale(env.render(), 3).rgb(), shown.rgb(), "window = frame scaled 3x (nearest)");
        }
    }

    @Test
    void keepsTheAspectRatioWhenTheWindowIsWiderThanTheFrame(@TempDir Path dir) {
        Env env = Envs.make("MinAtar/Breakout-v1");
        PlaySession session = new PlaySession("MinAtar/Breakout-v1", env, Policy.random(env, 0), 10, 0);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_HUD);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_OVERLAYS);
        try (PlayWindow window = PlayWindow.open(new Scene(session), 480, 160, "test", dir)) {
            window.draw();
            Frame shown = window.readPixels();
            // 160x160 frame centred in 480x160: bars of 160 px either side, frame at scale 1
            Frame expected = env.render();
            for (int y = 0; y < 160; y++) {
                for (int x = 0; x < 160; x++) {
                    int s = (y * 480 + x + 160) * 3;
                    int e = (y * 160 + x) * 3;
                    assertEquals(expected.rgb()[e], shown.rgb()[s], "pixel " + x + "," + y);
                }
            }
            assertEquals(0x20, shown.rgb()[(80 * 480 + 10) * 3] & 0xFF, "left bar");
            assertEquals(0x20, shown.rgb()[(80 * 480 + 470) * 3] & 0xFF, "right bar");
        }
    }

    @Test
    void keysThroughTheGlfwCallbackChangeTheSession(@TempDir Path dir) throws IOException {
        PlaySession session = session("CartPole-v1", Policy.random(Envs.make("CartPole-v1"), 0));
        try (PlayWindow window = PlayWindow.open(new Scene(session), 300, 200, "test", dir)) {
            window.injectKey(GLFW_KEY_SPACE, GLFW_PRESS);
            assertTrue(session.paused());
            window.injectKey(GLFW_KEY_RIGHT, GLFW_PRESS);
            assertEquals(1, session.step());
            window.injectKey(GLFW_KEY_MINUS, GLFW_PRESS);
            assertEquals(5, session.speed());
            window.injectKey(GLFW_KEY_R, GLFW_PRESS);
            assertEquals(2, session.episode());
            window.injectKey(GLFW_KEY_O, GLFW_PRESS);
            assertFalse(session.showOverlays());

            window.draw();
            Frame withHud = window.readPixels();
            window.injectKey(GLFW_KEY_H, GLFW_PRESS);
            assertFalse(session.showHud());
            window.draw();
            Frame withoutHud = window.readPixels();
            assertFalse(java.util.Arrays.equals(withHud.rgb(), withoutHud.rgb()), "the HUD was drawn, then hidden");

            window.injectKey(GLFW_KEY_S, GLFW_PRESS);
            assertTrue(window.nextFrame());
            Path shot = window.lastScreenshot();
            assertNotNull(shot);
            Frame saved = Images.readImage(shot);
            assertEquals(300, saved.width());
            assertEquals(200, saved.height());
            assertTrue(Files.list(dir).allMatch(p -> p.toString().endsWith(".png")));

            window.injectKey(GLFW_KEY_ESCAPE, GLFW_PRESS);
            assertFalse(window.nextFrame(), "Esc quits");
        }
    }

    @Test
    void humanPlayTakesArrowsAndSpaceAsTheGamePad(@TempDir Path dir) {
        HumanControls pad = HumanControls.forEnv("MinAtar/Breakout-v0");
        PlaySession session = session("MinAtar/Breakout-v0", pad);
        try (PlayWindow window = PlayWindow.open(new Scene(session), 160, 160, "test", dir)) {
            window.injectKey(GLFW_KEY_LEFT, GLFW_PRESS);
            assertEquals(1, pad.heldAction());
            window.injectKey(GLFW_KEY_SPACE, GLFW_PRESS);
            assertEquals(5, pad.heldAction());
            assertFalse(session.paused(), "space fires in human play");
            window.injectKey(GLFW_KEY_SPACE, GLFW_RELEASE);
            window.injectKey(GLFW_KEY_LEFT, GLFW_RELEASE);
            assertEquals(0, pad.heldAction());
        }
    }
}
