package org.jdive.rendering;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.rendering.play.HumanControls;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Recorder;

/**
 * Watch an env in a window, play it yourself, or record it to a GIF:
 *
 * <pre>
 * Play ENV-ID [--human] [--speed STEPS_PER_S] [--seed N] [--scale K] [--record FILE.gif --steps N]
 * </pre>
 *
 * Without {@code --human} a random policy plays. Exit codes: 0 done, 2 bad arguments, 3 no display.
 */
public final class Play {

    private Play() {
    }

    /** Runs the command line in the class comment and exits with its code. */
    public static void main(String[] args) throws IOException {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("play: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("usage: Play ENV-ID [--human] [--speed STEPS_PER_S] [--seed N] "
                    + "[--scale K] [--record FILE.gif --steps N]");
        }
        String envId = args[0];
        boolean human = false;
        double speed = 15;
        long seed = 0;
        int scale = 0;
        Path record = null;
        int steps = 200;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--human" -> human = true;
                case "--speed" -> speed = Double.parseDouble(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--scale" -> scale = Integer.parseInt(value(args, ++i));
                case "--record" -> record = Path.of(value(args, ++i));
                case "--steps" -> steps = Integer.parseInt(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; options are --human, "
                        + "--speed, --seed, --scale, --record, --steps");
            }
        }
        Env env = Envs.make(envId);
        Policy policy = human ? HumanControls.forEnv(envId) : Policy.random(env, seed);
        Scene scene = new Scene(new PlaySession(envId, env, policy, speed, seed));
        Frame first = env.render();
        int k = scale > 0 ? scale : Math.max(1, 640 / Math.max(first.width(), first.height()));
        if (record != null) {
            Recorder.recordGif(scene, steps, k, Math.max(2, (int) Math.round(100 / speed)), record);
            System.out.println("recorded " + steps + " steps of " + envId + " to " + record);
            return 0;
        }
        try (PlayWindow window = PlayWindow.open(scene, first.width() * k, first.height() * k,
                "jdive - " + envId, Path.of("."))) {
            window.run();
        } catch (DisplayUnavailableException e) {
            System.err.println("play: " + e.getMessage());
            return 3;
        }
        System.out.printf(Locale.ROOT, "played %d episodes of %s%n", scene.session().episode(), envId);
        return 0;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
