package org.jdive.rendering.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.jdive.envs.Env;

/**
 * The state of watching one env: it steps the env with a policy at a chosen speed, counts episodes, steps
 * and returns, and carries out the viewer's {@link Command}s. It knows nothing of windows, so the window,
 * the recorder and the tests drive the same logic.
 *
 * <p>Episodes restart by themselves when they end (terminated or truncated); their returns are kept for the
 * returns curve.
 */
public final class PlaySession {

    /** The slowest speed, in env steps per second. */
    public static final double MIN_SPEED = 0.25;
    /** The fastest speed, in env steps per second. */
    public static final double MAX_SPEED = 3840;
    /** Most steps one {@link #update} takes, so a slow frame never snowballs. */
    static final int MAX_STEPS_PER_UPDATE = 2000;

    private final String envId;
    private final Env env;
    private final Policy policy;
    private final long seed;
    private final List<Double> returns = new ArrayList<>();

    private float[] observation;
    private int episode;
    private int step;
    private double episodeReturn;
    private float lastReward;
    /** The last action taken; {@code null} at the start of an episode. */
    private float[] lastAction;
    private boolean paused;
    private double speed;
    private double stepDebt;
    private boolean showHud = true;
    private boolean showOverlays = true;
    private boolean quit;
    private int screenshotsRequested;
    private int sweepShift;
    private long totalSteps;
    private double rateWindowSeconds;
    private long rateWindowSteps;
    private double measuredRate = Double.NaN;

    /**
     * @param envId  the id the env was made from, shown in the HUD
     * @param env    the env to show; this session resets it with {@code seed}
     * @param policy what picks actions
     * @param speed  env steps per second, {@value #MIN_SPEED} to {@value #MAX_SPEED}
     * @param seed   the seed of the first reset
     */
    public PlaySession(String envId, Env env, Policy policy, double speed, long seed) {
        this.envId = envId;
        this.env = env;
        this.policy = policy;
        this.seed = seed;
        this.speed = checkSpeed(speed);
        this.observation = env.reset(seed).observation();
        this.episode = 1;
    }

    private static double checkSpeed(double speed) {
        if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed must be " + MIN_SPEED + " to " + MAX_SPEED
                    + " steps per second, got " + speed);
        }
        return speed;
    }

    /**
     * Lets {@code seconds} of wall time pass: takes as many steps as the speed asks (none while paused, or when
     * a human plays a turn-based game), and updates the measured steps per second.
     */
    public void update(double seconds) {
        boolean realTime = !(policy instanceof HumanControls human && human.turnBased());
        if (!paused && realTime) {
            stepDebt += seconds * speed;
            int steps = (int) Math.min(Math.floor(stepDebt), MAX_STEPS_PER_UPDATE);
            stepDebt = Math.min(stepDebt - steps, 1);
            for (int i = 0; i < steps; i++) {
                step(policy.act(observation));
            }
        }
        rateWindowSeconds += seconds;
        if (rateWindowSeconds >= 0.5) {
            measuredRate = (totalSteps - rateWindowSteps) / rateWindowSeconds;
            rateWindowSteps = totalSteps;
            rateWindowSeconds = 0;
        }
    }

    /**
     * Takes one step with {@code action} (a discrete action as one whole number, a continuous one as the env's Box
     * lays it out); an episode that ends is recorded and a new one begins.
     */
    public void step(float[] action) {
        env.stepInto(action, observation, 0);
        lastAction = action.clone();
        lastReward = env.lastReward();
        episodeReturn += lastReward;
        step++;
        totalSteps++;
        if (env.lastTerminated() || env.lastTruncated()) {
            returns.add(episodeReturn);
            newEpisode();
        }
    }

    /** Carries out a viewer's command. */
    public void apply(Command command) {
        switch (command) {
            case TOGGLE_PAUSE -> paused = !paused;
            case STEP -> {
                if (paused) {
                    step(policy.act(observation));
                }
            }
            case FASTER -> speed = Math.min(MAX_SPEED, speed * 2);
            case SLOWER -> speed = Math.max(MIN_SPEED, speed / 2);
            case RESET -> newEpisode();
            case TOGGLE_HUD -> showHud = !showHud;
            case TOGGLE_OVERLAYS -> showOverlays = !showOverlays;
            case SCREENSHOT -> screenshotsRequested++;
            case NEXT_SWEEP -> sweepShift++;
            case PREVIOUS_SWEEP -> sweepShift--;
            case QUIT -> quit = true;
        }
    }

    /** A human pressed a pad key: turn-based games step now. */
    public void press(HumanControls.Pad key) {
        if (policy instanceof HumanControls human) {
            int action = human.press(key);
            if (action >= 0 && !paused) {
                step(new float[] {action});
            }
        }
    }

    /** A human released a pad key. */
    public void release(HumanControls.Pad key) {
        if (policy instanceof HumanControls human) {
            human.release(key);
        }
    }

    private void newEpisode() {
        observation = env.reset().observation();
        episode++;
        step = 0;
        episodeReturn = 0;
        lastReward = 0;
        lastAction = null;
    }

    /** The HUD's lines: env id, episode, step, return, last reward, last action, speed and measured steps/s. */
    public List<String> hudLines() {
        List<String> lines = new ArrayList<>();
        lines.add(envId + (paused ? "  [PAUSED]" : ""));
        lines.add("episode " + episode + "   step " + step);
        lines.add(String.format(Locale.ROOT, "return %.2f   reward %.2f", episodeReturn, lastReward));
        lines.add("action " + formatAction(lastAction));
        lines.add("speed " + formatSpeed(speed) + "/s   steps/s "
                + (Double.isNaN(measuredRate) ? "-" : String.format(Locale.ROOT, "%.1f", measuredRate)));
        return lines;
    }

    /** A discrete action as its number, a continuous one to three decimals (a vector of several in brackets). */
    private static String formatAction(float[] action) {
        if (action == null) {
            return "-";
        }
        StringJoiner values = new StringJoiner(", ", action.length > 1 ? "[" : "", action.length > 1 ? "]" : "");
        for (float v : action) {
            values.add(v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v)
                    : String.format(Locale.ROOT, "%.3f", v));
        }
        return values.toString();
    }

    private static String formatSpeed(double speed) {
        return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
    }

    /** Takes and clears the pending screenshot requests; true if there was at least one. */
    public boolean takeScreenshotRequest() {
        boolean requested = screenshotsRequested > 0;
        screenshotsRequested = 0;
        return requested;
    }

    /** Takes and clears the sweeps the viewer moved by with [ and ] since the last call. */
    public int takeSweepShift() {
        int shift = sweepShift;
        sweepShift = 0;
        return shift;
    }

    /** The id the env was made from, shown in the HUD. */
    public String envId() {
        return envId;
    }

    /** The env being watched. */
    public Env env() {
        return env;
    }

    /** What picks the actions. */
    public Policy policy() {
        return policy;
    }

    /** The seed of the first episode. */
    public long seed() {
        return seed;
    }

    /** The current observation (the session's own array: do not change it). */
    public float[] observation() {
        return observation;
    }

    /** The current episode, from 1. */
    public int episode() {
        return episode;
    }

    /** Steps taken in the current episode. */
    public int step() {
        return step;
    }

    /** The sum of the rewards so far in the current episode. */
    public double episodeReturn() {
        return episodeReturn;
    }

    /** The reward of the last step; 0 at the start of an episode. */
    public float lastReward() {
        return lastReward;
    }

    /** The last action taken (a copy), {@code null} at the start of an episode. */
    public float[] lastAction() {
        return lastAction == null ? null : lastAction.clone();
    }

    /** The returns of the episodes finished so far, oldest first. */
    public double[] returns() {
        return returns.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Whether the viewer paused the session (space, or P while a human plays); a paused session takes no steps. */
    public boolean paused() {
        return paused;
    }

    /** Env steps per second. */
    public double speed() {
        return speed;
    }

    /** Env steps per second measured over the last half second of {@link #update}s; NaN before the first half second. */
    public double measuredStepsPerSecond() {
        return measuredRate;
    }

    /** Whether the HUD is shown (toggled with H). */
    public boolean showHud() {
        return showHud;
    }

    /** Whether the overlays (values, action bars, returns curve) are shown (toggled with O). */
    public boolean showOverlays() {
        return showOverlays;
    }

    /** Whether the viewer asked to quit. */
    public boolean quitRequested() {
        return quit;
    }
}
