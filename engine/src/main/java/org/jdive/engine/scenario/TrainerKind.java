package org.jdive.engine.scenario;

import java.util.List;
import org.jdive.engine.train.Trainer;

/**
 * A kind of training a scenario can ask for ({@code agent.kind: q-learning}, {@code model.kind: gan}):
 * registered through {@link java.util.ServiceLoader}, it brings its own keys into the schema, checks what
 * the schema alone cannot (e.g. that the env is tabular), and builds the {@link Trainer}.
 */
public interface TrainerKind {

    /** The value of {@code agent.kind} or {@code model.kind} that selects it. */
    String name();

    /** {@code "agent"} for reinforcement learning, {@code "model"} for generative models. */
    String section();

    /** One line for {@code jdive list} and the docs. */
    String description();

    /** What one unit of its budget is ("episodes", "steps", "sweeps", "epochs"). */
    String unit();

    /** The keys it reads beyond {@link org.jdive.engine.scenario.Schema#COMMON}, including its budget key. */
    List<Key> keys();

    /** Its budget key ({@code budget.steps}, {@code budget.epochs}, ...): the first of its keys under {@code budget.}. */
    default Key budget() {
        return keys().stream().filter(k -> k.path().startsWith("budget.")).findFirst()
                .orElseThrow(() -> new IllegalStateException("kind " + name() + " declares no budget.* key"));
    }

    /**
     * What the schema cannot see (that the env is tabular, that a batch fits the data), as independent checks;
     * none by default. The loader runs each even when other keys of the file are wrong (see {@link Scenario}).
     * A check that every kind of a section shares (the same object, e.g. {@code RlKeys.ENV}) also runs when a file
     * names a kind of that section that does not exist.
     */
    default List<Check> checks() {
        return List.of();
    }

    /** One check of a scenario beyond its schema. */
    @FunctionalInterface
    interface Check {
        /**
         * The problems found, placed at the keys they concern.
         *
         * @throws Scenario.Unavailable when it reads a key the file gives wrongly: the check is then skipped
         */
        List<Problem> run(Scenario scenario);
    }

    /** Builds a fresh trainer for a valid scenario. */
    Trainer create(Scenario scenario);

    /** What {@code jdive play FILE} shows of this kind, before any run has trained it. */
    default Untrained untrained() {
        return Untrained.RANDOM;
    }

    /** How an untrained agent of a kind is watched. */
    enum Untrained {
        /** A random policy plays (training takes too long to watch, e.g. DQN). */
        RANDOM,
        /** It plans first (in well under a second), shown sweep by sweep; then its greedy policy plays. */
        PLAN_THEN_PLAY,
        /** It learns while its greedy policy plays, a few training units per step watched. */
        LEARN_WHILE_PLAYING
    }
}
