package org.jdive.cli.play;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.agents.Actor;
import org.jdive.agents.kinds.RlKeys;
import org.jdive.engine.EvaluationRecorder;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.train.Trainer;

/** {@code record.gif: true}: each evaluation's first episode of an agent as an animated GIF ({@link EpisodeGif}). */
public final class EpisodeGifRecorder implements EvaluationRecorder {

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public EpisodeGifRecorder() {
    }

    @Override
    public boolean records(Scenario scenario, Trainer trainer) {
        String key = RlKeys.RECORD_GIF.path();
        return trainer instanceof Actor && scenario.has(key) && scenario.bool(key);
    }

    @Override
    public void record(Scenario scenario, Trainer trainer, Path target) throws IOException {
        EpisodeGif.record(scenario, (Actor) trainer, target);
    }
}
