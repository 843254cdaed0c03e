package org.jdive.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;

/**
 * Checks that an env keeps the contract, as Gymnasium's {@code check_env}: seeded resets and rollouts are
 * deterministic, observations lie in the observation space and have its size, rewards are finite, the
 * allocation-free {@code resetInto}/{@code stepInto} agree with {@code reset}/{@code step}, a fresh episode is
 * neither terminated nor truncated, a saved state restored after the env moved on continues exactly as the
 * env did from that state, invalid actions are rejected, and the env renders. Discrete and continuous
 * ({@link Box}) action spaces are both checked, each through its own {@code step}. A violation is an
 * {@link IllegalStateException} saying what went wrong.
 */
public final class EnvChecker {

    private static final long ACTION_SALT = 0xAC7105L;

    private EnvChecker() {
    }

    /** Checks with seed 0 over 300 random-action steps. */
    public static void check(Env env) {
        check(env, 0, 300);
    }

    /** Checks with a rollout of {@code steps} seeded random actions, resetting whenever an episode ends. */
    public static void check(Env env, long seed, int steps) {
        if (!(env.actionSpace() instanceof Discrete || env.actionSpace() instanceof Box)) {
            throw fail("the action space must be Discrete or Box, got " + env.actionSpace());
        }
        float[] first = env.reset(seed).observation();
        float[] again = env.reset(seed).observation();
        if (!Arrays.equals(first, again)) {
            throw fail("reset(" + seed + ") twice gave different observations: " + Arrays.toString(first)
                    + " and " + Arrays.toString(again));
        }
        Trajectory viaStep = rollout(env, seed, steps, false);
        Trajectory viaStepAgain = rollout(env, seed, steps, false);
        compare(viaStep, viaStepAgain, "two rollouts with the same seed");
        Trajectory viaStepInto = rollout(env, seed, steps, true);
        compare(viaStep, viaStepInto, "step() and stepInto() (with reset() and resetInto())");
        checkStateRestore(env, seed, steps);
        checkRendering(env);
        checkInvalidAction(env, seed);
    }

    private record Trajectory(List<float[]> observations, List<Float> rewards, List<String> flags) {
    }

    private static Trajectory rollout(Env env, long seed, int steps, boolean inPlace) {
        Space space = env.observationSpace();
        UniformRandomProvider rng = Rng.seeded(seed, ACTION_SALT);
        int size = space.size();
        int offset = 3;
        float[] buffer = new float[offset + size + 2];
        Trajectory t = new Trajectory(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        float[] obs = env.reset(seed).observation();
        checkFresh(env, "reset(seed)");
        t.observations.add(checkedObservation(env, obs, "reset(" + seed + ")"));
        for (int i = 0; i < steps; i++) {
            float[] action = sampleAction(env, rng);
            float reward;
            boolean terminated;
            boolean truncated;
            if (inPlace) {
                stepInto(env, action, buffer, offset);
                obs = Arrays.copyOfRange(buffer, offset, offset + size);
                reward = env.lastReward();
                terminated = env.lastTerminated();
                truncated = env.lastTruncated();
            } else {
                Step step = step(env, action);
                if (step.info() == null) {
                    throw fail("step " + i + " returned a null info");
                }
                obs = step.observation();
                reward = step.reward();
                terminated = step.terminated();
                truncated = step.truncated();
            }
            if (!Float.isFinite(reward)) {
                throw fail("step " + i + " returned a non-finite reward " + reward);
            }
            t.observations.add(checkedObservation(env, obs, "step " + i));
            t.rewards.add(reward);
            t.flags.add(terminated + "/" + truncated);
            if (terminated || truncated) {
                if (inPlace) {
                    env.resetInto(buffer, offset);
                    obs = Arrays.copyOfRange(buffer, offset, offset + size);
                } else {
                    obs = env.reset().observation();
                }
                checkFresh(env, "reset() after step " + i);
                t.observations.add(checkedObservation(env, obs, "reset() after step " + i));
            }
        }
        return t;
    }

    /**
     * Plays a third of the rollout, saves the state, plays on; then restores the state (into an env that has
     * moved on, so that anything the state leaves out shows) and replays the same actions: the two
     * continuations must agree step for step, resets included.
     */
    private static void checkStateRestore(Env env, long seed, int steps) {
        UniformRandomProvider rng = Rng.seeded(seed, ACTION_SALT + 1);
        env.reset(seed);
        for (int i = 0; i < steps / 3; i++) {
            stepOrReset(env, sampleAction(env, rng));
        }
        byte[] state = env.saveState();
        float[][] plan = new float[Math.max(steps - steps / 3, 1)][];
        for (int i = 0; i < plan.length; i++) {
            plan[i] = sampleAction(env, rng);
        }
        List<String> first = continuation(env, plan);
        env.restoreState(state);
        List<String> second = continuation(env, plan);
        for (int i = 0; i < first.size(); i++) {
            if (!first.get(i).equals(second.get(i))) {
                throw fail("after restoreState the env went another way at step " + i + " after the saved state: "
                        + abbreviated(first.get(i)) + " vs " + abbreviated(second.get(i)));
            }
        }
    }

    private static List<String> continuation(Env env, float[][] plan) {
        int size = env.observationSpace().size();
        List<String> outcomes = new ArrayList<>(plan.length);
        float[] obs = new float[size];
        env.observeInto(obs, 0);
        outcomes.add("start " + Arrays.toString(obs));
        for (float[] action : plan) {
            stepOrReset(env, action);
            env.observeInto(obs, 0);
            outcomes.add(Arrays.toString(obs) + " r=" + env.lastReward() + " " + env.lastTerminated() + "/"
                    + env.lastTruncated());
        }
        return outcomes;
    }

    private static String abbreviated(String outcome) {
        return outcome.length() <= 300 ? outcome : outcome.substring(0, 300) + "...";
    }

    /** Steps, or starts the next episode (continuing the random stream) if the last step ended one. */
    private static void stepOrReset(Env env, float[] action) {
        if (env.lastTerminated() || env.lastTruncated()) {
            env.reset();
        } else {
            step(env, action);
        }
    }

    /**
     * A random action as a vector: a discrete one drawn as {@code Discrete.sampleAction} draws it, a continuous one
     * from the box widened by half on each side, so that the env's clipping is exercised too.
     */
    private static float[] sampleAction(Env env, UniformRandomProvider rng) {
        if (env.actionSpace() instanceof Discrete discrete) {
            return new float[] {discrete.sampleAction(rng)};
        }
        Box box = (Box) env.actionSpace();
        float[] low = box.low();
        float[] high = box.high();
        float[] action = box.sample(rng);
        for (int i = 0; i < action.length; i++) {
            if (Float.isFinite(low[i]) && Float.isFinite(high[i])) {
                double half = (high[i] - (double) low[i]) / 2;
                action[i] = (float) (low[i] - half + 4 * half * rng.nextDouble());
            }
        }
        return action;
    }

    /** Steps with the action in the env's own kind: a discrete env through {@code step(int)}. */
    private static Step step(Env env, float[] action) {
        return env.actionSpace() instanceof Discrete ? env.step((int) action[0]) : env.step(action);
    }

    private static void stepInto(Env env, float[] action, float[] buffer, int offset) {
        if (env.actionSpace() instanceof Discrete) {
            env.stepInto((int) action[0], buffer, offset);
        } else {
            env.stepInto(action, buffer, offset);
        }
    }

    private static float[] checkedObservation(Env env, float[] obs, String where) {
        Space space = env.observationSpace();
        if (obs.length != space.size()) {
            throw fail(where + ": observation has " + obs.length + " floats, the space needs " + space.size());
        }
        if (!space.contains(obs)) {
            throw fail(where + ": observation " + Arrays.toString(obs) + " is outside " + space);
        }
        float[] observed = new float[obs.length];
        env.observeInto(observed, 0);
        if (!Arrays.equals(obs, observed)) {
            throw fail(where + ": observeInto gave " + Arrays.toString(observed) + " but the step returned "
                    + Arrays.toString(obs));
        }
        return obs;
    }

    private static void checkFresh(Env env, String where) {
        if (env.lastTerminated() || env.lastTruncated()) {
            throw fail(where + ": a new episode reports terminated=" + env.lastTerminated() + " truncated="
                    + env.lastTruncated());
        }
    }

    private static void compare(Trajectory a, Trajectory b, String what) {
        for (int i = 0; i < Math.min(a.observations.size(), b.observations.size()); i++) {
            if (!Arrays.equals(a.observations.get(i), b.observations.get(i))) {
                throw fail(what + " differ at observation " + i + ": " + Arrays.toString(a.observations.get(i))
                        + " vs " + Arrays.toString(b.observations.get(i)));
            }
        }
        if (!a.rewards.equals(b.rewards) || !a.flags.equals(b.flags) || a.observations.size() != b.observations.size()) {
            throw fail(what + " differ in rewards or terminated/truncated flags");
        }
    }

    private static void checkRendering(Env env) {
        Frame frame = env.render();
        if (frame == null || frame.width() <= 0 || frame.height() <= 0) {
            throw fail("render() must return a non-empty frame");
        }
        String text = env.renderText();
        if (text == null || text.isBlank()) {
            throw fail("renderText() must return some text");
        }
    }

    private static void checkInvalidAction(Env env, long seed) {
        env.reset(seed);
        if (env.actionSpace() instanceof Box box) {
            float[] tooLong = new float[box.size() + 1];
            for (Runnable invalid : new Runnable[] {() -> env.step(tooLong), () -> env.step(0)}) {
                try {
                    invalid.run();
                } catch (IllegalArgumentException expected) {
                    continue;
                }
                throw fail("a continuous env must throw IllegalArgumentException for an action of the wrong length "
                        + "and for a discrete action");
            }
            return;
        }
        int n = ((Discrete) env.actionSpace()).n();
        for (int invalid : new int[] {-1, n}) {
            try {
                env.step(invalid);
            } catch (IllegalArgumentException expected) {
                continue;
            }
            throw fail("step(" + invalid + ") must throw IllegalArgumentException for an action outside Discrete(" + n + ")");
        }
    }

    private static IllegalStateException fail(String message) {
        return new IllegalStateException("env check failed: " + message);
    }
}
