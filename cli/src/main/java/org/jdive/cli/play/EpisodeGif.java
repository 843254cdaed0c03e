package org.jdive.cli.play;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.agents.Actor;
import org.jdive.agents.kinds.Evaluations;
import org.jdive.agents.kinds.RlKeys;
import org.jdive.engine.scenario.Scenario;
import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.GifEncoder;

/**
 * Records an agent's first evaluation episode, played again exactly as the evaluation played it (same env, same
 * seed, the same greedy or ε-greedy policy), as an animated GIF with the window's overlays (values, Q-value bars).
 */
public final class EpisodeGif {

    /** 25 frames per second. */
    private static final int DELAY_CENTIS = 4;

    private EpisodeGif() {
    }

    /** Writes the episode to {@code target} (atomically) and returns its number of steps. */
    public static int record(Scenario scenario, Actor actor, Path target) throws IOException {
        String envId = scenario.text(RlKeys.ENV_ID.path());
        try (Env env = Evaluations.env(scenario)) {
            var session = new PlaySession(envId, env, Evaluations.policy(scenario, env, actor.policy())::action,
                    PlaySession.MAX_SPEED, Evaluations.firstSeed(scenario));
            Scene scene = AgentOverlays.attachLive(new Scene(session), actor, env, scenario.kind().unit());
            Frame first = env.render();
            int scale = Math.max(1, 320 / Math.max(first.width(), first.height()));
            List<Frame> frames = new ArrayList<>();
            frames.add(scene.compose(scale));
            while (session.returns().length == 0) {
                session.step(session.policy().act(session.observation()));
                frames.add(scene.compose(scale));
            }
            GifEncoder.write(target, frames, DELAY_CENTIS);
            return frames.size() - 1;
        }
    }
}
