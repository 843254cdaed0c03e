package org.jdive.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.train.Trainer;

/**
 * Records something of an evaluation beside its numbers (an agent's first episode as an animated GIF), for the
 * scenarios that ask for it. Registered through {@link ServiceLoader} by a module that can draw (the command's
 * GIF recorder), so that the engine, and the kinds that train, need no graphics.
 */
public interface EvaluationRecorder {

    /** Whether this recorder records the evaluations of {@code trainer}, built for {@code scenario}. */
    boolean records(Scenario scenario, Trainer trainer);

    /** Records the evaluation the trainer has just made to {@code target} (written atomically). */
    void record(Scenario scenario, Trainer trainer, Path target) throws IOException;

    /** The recorders on the class path. */
    static List<EvaluationRecorder> installed() {
        return ServiceLoader.load(EvaluationRecorder.class, EvaluationRecorder.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
