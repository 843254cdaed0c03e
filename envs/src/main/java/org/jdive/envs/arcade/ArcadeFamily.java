package org.jdive.envs.arcade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jdive.envs.Env;
import org.jdive.envs.EnvFamily;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Options;

/**
 * Registers the MinAtar games under MinAtar's Gymnasium ids ({@code MinAtar/Breakout-v0} with all six
 * actions, {@code -v1} with the game's minimal action set) and jdive's Pong as {@code jdive/Pong-v0/-v1}.
 *
 * <p>Options, as MinAtar's {@code Environment} arguments: {@code difficulty_ramping} (default true) and
 * {@code sticky_action_prob} (default 0.1); Seaquest also takes {@code diver_count_quirk} (default true, see
 * {@link Seaquest}). No id has a time limit, as MinAtar registers them: Freeway ends itself after 2,500
 * frames, the other games only by their rules (add one with the {@code max_episode_steps} option).
 */
public final class ArcadeFamily implements EnvFamily {

    static final String DIFFICULTY_RAMPING = "difficulty_ramping";
    static final String STICKY_ACTION_PROB = "sticky_action_prob";
    static final String DIVER_COUNT_QUIRK = "diver_count_quirk";
    private static final List<String> OPTIONS = List.of(DIFFICULTY_RAMPING, STICKY_ACTION_PROB);

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public ArcadeFamily() {
    }

    @Override
    public List<EnvSpec> specs() {
        List<EnvSpec> specs = new ArrayList<>();
        addBoth(specs, "MinAtar/Asterix", "collect gold and dodge enemies crossing a 10x10 grid (MinAtar)",
                OPTIONS, (o, s) -> new Asterix(s));
        addBoth(specs, "MinAtar/Breakout", "bounce a ball off a paddle to break rows of bricks (MinAtar)",
                OPTIONS, (o, s) -> new Breakout(s));
        addBoth(specs, "MinAtar/Freeway", "lead a chicken across eight lanes of traffic in 2,500 frames (MinAtar)",
                OPTIONS, (o, s) -> new Freeway(s));
        addBoth(specs, "MinAtar/Seaquest", "shoot enemies, rescue divers and surface for oxygen (MinAtar)",
                List.of(DIFFICULTY_RAMPING, STICKY_ACTION_PROB, DIVER_COUNT_QUIRK),
                (o, s) -> new Seaquest(s, o.bool(DIVER_COUNT_QUIRK, true)));
        addBoth(specs, "MinAtar/SpaceInvaders", "shoot down a marching block of aliens (MinAtar)",
                OPTIONS, (o, s) -> new SpaceInvaders(s));
        addBoth(specs, "jdive/Pong", "return the ball past a scripted paddle, first to 5 points (MinAtar style)",
                OPTIONS, (o, s) -> new Pong(s));
        return specs;
    }

    private interface GameFactory {
        ArcadeGame build(Options options, ArcadeSettings settings);
    }

    private static void addBoth(List<EnvSpec> specs, String name, String description, List<String> options,
                                GameFactory factory) {
        specs.add(new EnvSpec(name + "-v0", description + ", all 6 actions", 0, options,
                build(factory, false)));
        specs.add(new EnvSpec(name + "-v1", description + ", minimal actions", 0, options,
                build(factory, true)));
    }

    private static Function<Options, Env> build(GameFactory factory, boolean minimalActions) {
        return o -> factory.build(o, settings(o, minimalActions));
    }

    private static ArcadeSettings settings(Options o, boolean minimalActions) {
        double sticky = o.number(STICKY_ACTION_PROB, ArcadeSettings.MINATAR.stickyActionProb());
        if (!(sticky >= 0.0 && sticky <= 1.0)) {
            throw o.invalid(STICKY_ACTION_PROB, "must be in [0, 1], got " + sticky);
        }
        return new ArcadeSettings(minimalActions, o.bool(DIFFICULTY_RAMPING, true), sticky);
    }
}
