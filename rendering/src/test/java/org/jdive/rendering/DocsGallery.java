package org.jdive.rendering;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.engine.chart.LineChart;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;
import org.jdive.rendering.overlay.StateValues;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.Recorder;

/**
 * Writes the README's baseline pictures with the recorder itself: {@code DocsGallery FOLDER}: a random policy
 * and a chart of a random against a scripted controller. The trained agents' GIFs are made by {@code jdive play}
 * (the README names each command). {@link #valueIterationSweeps} is a plain Bellman-optimality loop for the
 * window's own tests, which cannot see the agents module.
 */
public final class DocsGallery {

    private DocsGallery() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "docs");
        writeAll(folder);
        System.out.println("wrote the gallery to " + folder.toAbsolutePath());
    }

    /** Writes every picture to {@code folder}; returns their paths. */
    static List<Path> writeAll(Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(breakoutRandom(folder.resolve("minatar-breakout-random.gif")));
        written.add(returnsChart(folder.resolve("cartpole-returns.png")));
        return written;
    }

    /** Pushes the cart towards where the pole is falling: angle plus angular velocity. */
    static Policy leanController() {
        return Policy.discrete(obs -> obs[2] + obs[3] > 0 ? 1 : 0);
    }

    private static Path breakoutRandom(Path target) throws IOException {
        String id = "MinAtar/Breakout-v1";
        Env env = Envs.make(id);
        Scene scene = new Scene(new PlaySession(id, env, Policy.random(env, 4), 25, 4));
        Recorder.recordGif(scene, 150, 2, 6, target);
        return target;
    }

    private static Path returnsChart(Path target) throws IOException {
        LineChart chart = new LineChart("CartPole-v1 episode returns", "episode", "return");
        double[] random = returns(Policy.random(Envs.make("CartPole-v1"), 5), 5);
        double[] lean = returns(leanController(), 5);
        chart.add("random", episodes(random.length), random);
        chart.add("lean controller", episodes(lean.length), lean);
        chart.writePng(target, 640, 360);
        return target;
    }

    /** Episode numbers 1 to {@code n}. */
    private static double[] episodes(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] returns(Policy policy, long seed) {
        PlaySession session = new PlaySession("CartPole-v1", Envs.make("CartPole-v1"), policy, 1000, seed);
        while (session.returns().length < 40) {
            session.step(policy.act(session.observation()));
        }
        return session.returns();
    }

    /** Value iteration (D2L 17.2) on the env's model, one snapshot of values and greedy policy per sweep. */
    static List<StateValues> valueIterationSweeps(TabularModel model, double gamma, int sweeps) {
        int n = model.numStates();
        float[] v = new float[n];
        List<StateValues> out = new ArrayList<>();
        for (int k = 0; k <= sweeps; k++) {
            float[] next = new float[n];
            int[] greedy = new int[n];
            for (int s = 0; s < n; s++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < model.numActions(); a++) {
                    double q = 0;
                    for (Transition t : model.transitions(s, a)) {
                        q += t.probability() * (t.reward() + (t.terminated() ? 0 : gamma * v[t.nextState()]));
                    }
                    if (q > best + 1e-12) {
                        best = q;
                        greedy[s] = a;
                    }
                }
                next[s] = (float) best;
            }
            for (int s = 0; s < n; s++) {
                greedy[s] = absorbing(model, s) ? -1 : greedy[s];
            }
            out.add(StateValues.of(v, greedy, "sweep " + k));
            v = next;
        }
        return out;
    }

    /** Whether every action leaves {@code s} where it is: a hole or the goal, where no arrow belongs. */
    private static boolean absorbing(TabularModel model, int s) {
        for (int a = 0; a < model.numActions(); a++) {
            for (Transition t : model.transitions(s, a)) {
                if (t.nextState() != s) {
                    return false;
                }
            }
        }
        return true;
    }
}
