package org.jdive.cli.play;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdive.agents.Actor;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.engine.train.Trainer;
import org.jdive.envs.Env;
import org.jdive.rendering.overlay.GridGeometry;
import org.jdive.rendering.overlay.StateValues;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.play.Scene;

/**
 * The bridge from what the agents know to what the window draws: a tabular agent's {@link TabularSnapshot} as the
 * value overlay's {@link StateValues} (live, or sweep by sweep while a planner plans), action scores (Q-values, a
 * policy's probabilities) as bars and a critic's value in the HUD.
 * It lives in the command-line module, which sees both the agents and the rendering module, so neither of those
 * depends on the other.
 */
public final class AgentOverlays {

    private AgentOverlays() {
    }

    /**
     * A snapshot's {@code V(s)} and greedy action per state, as the value overlay draws them; states where every
     * action has the same Q-value (terminal states, states a learner has not tried yet) get no arrow, since the
     * greedy action there is only the tie-break's.
     */
    public static StateValues stateValues(TabularSnapshot snapshot, String label) {
        double[] values = snapshot.values();
        float[] v = new float[values.length];
        int[] policy = snapshot.policy().clone();
        for (int s = 0; s < v.length; s++) {
            v[s] = (float) values[s];
            if (noPreference(snapshot.q()[s])) {
                policy[s] = -1;
            }
        }
        return StateValues.of(v, policy, label);
    }

    private static boolean noPreference(double[] q) {
        for (double value : q) {
            if (value != q[0]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value overlay can draw {@code env}'s states (a gridworld whose states are its cells). */
    public static boolean isGrid(Env env) {
        try {
            GridGeometry.of(env);
            return true;
        } catch (IllegalArgumentException notAGrid) {
            return false;
        }
    }

    /**
     * Adds the overlays {@code actor} offers to {@code scene}: its tables, read afresh at every frame (so a learning
     * agent's values change as it learns), when {@code env} is a gridworld, its scores of the current observation's
     * actions as bars and its critic's value of it in the HUD.
     *
     * @param unit what the tables' iteration counts, for the caption ({@code "sweeps"}, {@code "episodes"})
     */
    public static Scene attachLive(Scene scene, Actor actor, Env env, String unit) {
        actor.tables().filter(t -> isGrid(env)).ifPresent(first -> {
            Supplier<StateValues> current = () -> {
                TabularSnapshot now = actor.tables().orElseThrow();
                return stateValues(now, "after " + now.iteration() + " " + unit);
            };
            scene.withValues(ValueView.live(GridGeometry.of(env), current));
        });
        actor.actionScores().ifPresent(scores -> scene.withActionScores(scores.name(), scores.scores()));
        actor.gaussianActions().ifPresent(gaussian -> scene.withGaussianActions(gaussian.mean(), gaussian.std()));
        actor.stateValue().ifPresent(scene::withStateValue);
        return scene;
    }

    /**
     * Plans with {@code planner} one budget unit (a value-iteration sweep, a policy-iteration iteration) at a time
     * until it has finished, and returns what the overlay shows unit by unit: the tables before the first unit,
     * after each of the first {@code shown - 2} units, and after the last one (the converged values, whose greedy
     * policy is then played).
     *
     * @param unit what the planner's units are ({@code "sweeps"}, {@code "iterations"}), for the captions
     */
    public static List<StateValues> planSweeps(Trainer planner, Actor tables, int shown, String unit) {
        if (shown < 2) {
            throw new IllegalArgumentException("at least 2 " + unit + " must be shown (the first and the last), got " + shown);
        }
        List<StateValues> sweeps = new ArrayList<>();
        sweeps.add(sweepValues(tables, unit));
        while (!planner.finished()) {
            planner.train(1);
            if (sweeps.size() < shown - 1 || planner.finished()) {
                sweeps.add(sweepValues(tables, unit));
            }
        }
        return sweeps;
    }

    private static StateValues sweepValues(Actor actor, String unit) {
        TabularSnapshot snapshot = actor.tables().orElseThrow(
                () -> new IllegalArgumentException("planning step by step needs a tabular agent"));
        return stateValues(snapshot, "after " + snapshot.iteration() + " " + unit);
    }
}
