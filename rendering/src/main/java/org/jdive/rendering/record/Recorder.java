package org.jdive.rendering.record;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Scene;

/**
 * Records what the window would show, without a display: the scene's composed frames (env frame scaled up,
 * overlays and HUD drawn on the CPU) while its session's policy plays, to a list, a GIF or PNG files.
 */
public final class Recorder {

    private Recorder() {
    }

    /**
     * The frame of the current state and then one per step, for {@code steps} steps of the session's policy
     * (episodes that end restart, as in the window), each scaled {@code scale} times.
     */
    public static List<Frame> record(Scene scene, int steps, int scale) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps to record must be 0 or more, got " + steps);
        }
        PlaySession session = scene.session();
        List<Frame> frames = new ArrayList<>(steps + 1);
        frames.add(scene.compose(scale));
        for (int i = 0; i < steps; i++) {
            session.step(session.policy().act(session.observation()));
            frames.add(scene.compose(scale));
        }
        return frames;
    }

    /** Records {@code steps} steps (see {@link #record}) to an animated GIF, {@code delayCentis} per frame. */
    public static List<Frame> recordGif(Scene scene, int steps, int scale, int delayCentis, Path target)
            throws IOException {
        List<Frame> frames = record(scene, steps, scale);
        GifEncoder.write(target, frames, delayCentis);
        return frames;
    }
}
