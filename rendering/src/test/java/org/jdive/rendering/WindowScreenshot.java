package org.jdive.rendering;

import java.nio.file.Path;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.TabularModel;
import org.jdive.rendering.overlay.GridGeometry;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.play.Command;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;

/** Opens the real window on FrozenLake with every overlay, plays a little and saves a screenshot (S): {@code WindowScreenshot FOLDER}. */
public final class WindowScreenshot {

    private WindowScreenshot() {
    }

    public static void main(String[] args) {
        Env env = Envs.make("FrozenLake-v1");
        var sweeps = DocsGallery.valueIterationSweeps((TabularModel) env.unwrapped(), 0.95, 20);
        PlaySession session = new PlaySession("FrozenLake-v1", env, Policy.random(env, 3), 240, 3);
        Scene scene = new Scene(session).withValues(ValueView.sweeps(GridGeometry.of(env), sweeps))
                .withActionScores("Q", obs -> new float[] {0.2f, 0.55f, -0.1f, 0.4f});
        try (PlayWindow window = PlayWindow.open(scene, 720, 560, "jdive - FrozenLake-v1", Path.of(args[0]))) {
            for (int i = 0; i < 30; i++) {
                window.nextFrame();
            }
            for (int i = 0; i < 8; i++) {
                session.apply(Command.NEXT_SWEEP);
            }
            session.apply(Command.SCREENSHOT);
            window.nextFrame();
        }
    }
}
