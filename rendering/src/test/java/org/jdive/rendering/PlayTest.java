package org.jdive.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlayTest {

    @Test
    void recordsWithoutADisplay(@TempDir Path dir) throws IOException {
        Path gif = dir.resolve("pong.gif");
        assertEquals(0, Play.run(new String[] {"jdive/Pong-v1", "--record", gif.toString(), "--steps", "12",
            "--scale", "1"}));
        assertEquals(160, Images.readImage(gif).width());
    }

    @Test
    void badArgumentsSayWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Play.run(new String[] {"CartPole-v1", "--fast"}));
        assertTrue(e.getMessage().contains("--speed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Play.run(new String[] {"CartPole-v1", "--seed"}));
        assertThrows(IllegalArgumentException.class, () -> Play.run(new String[] {"CartPole-v1", "--human"}));
    }

    @Test
    void aWindowWithoutADisplaySuggestsXvfbOrRecording(@TempDir Path dir) {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null,
                "a display is available: this test checks the message given without one");
        Env env = Envs.make("CartPole-v1");
        Scene scene = new Scene(new PlaySession("CartPole-v1", env, Policy.random(env, 0), 10, 0));
        var e = assertThrows(DisplayUnavailableException.class, () -> PlayWindow.open(scene, 300, 200, "t", dir));
        assertTrue(e.getMessage().contains("xvfb-run -a") && e.getMessage().contains("GIF"), e.getMessage());
    }
}
