package org.jdive.rendering;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;
import org.jdive.rendering.chart.LineChart;
import org.jdive.rendering.overlay.GridGeometry;
import org.jdive.rendering.overlay.StateValues;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.play.PlaySession;
import org.jdive.rendering.play.Policy;
import org.jdive.rendering.play.Scene;
import org.jdive.rendering.record.GifEncoder;
import org.jdive.rendering.record.Recorder;

/**
 * Writes the README's pictures with the recorder itself: {@code DocsGallery FOLDER}. The policies are random
 * or scripted (no agent is trained here); the value-iteration sweeps come from a plain Bellman-optimality
 * loop over the env's model, standing in until the agents module feeds the same {@link StateValues}.
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
        written.add(cartPoleScripted(folder.resolve("cartpole-scripted.gif")));
        written.add(frozenLakeValueIteration(folder.resolve("frozenlake-value-iteration.gif")));
        written.add(returnsChart(folder.resolve("cartpole-returns.png")));
        return written;
    }

    /** Pushes the cart towards where the pole is falling: angle plus angular velocity. */
    static Policy leanController() {
        return obs -> obs[2] + obs[3] > 0 ? 1 : 0;
    }

    private static Path breakoutRandom(Path target) throws IOException {
        String id = "MinAtar/Breakout-v1";
        Env env = Envs.make(id);
        Scene scene = new Scene(new PlaySession(id, env, Policy.random(env, 4), 25, 4));
        Recorder.recordGif(scene, 150, 2, 6, target);
        return target;
    }

    private static Path cartPoleScripted(Path target) throws IOException {
        String id = "CartPole-v1";
        Env env = Envs.make(id);
        PlaySession session = new PlaySession(id, env, leanController(), 50, 2);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_HUD); // halving would blur its text
        List<Frame> frames = new ArrayList<>();
        Scene scene = new Scene(session);
        for (Frame f : Recorder.record(scene, 120, 1)) {
            frames.add(halve(f));
        }
        GifEncoder.write(target, frames, 4);
        return target;
    }

    private static Path frozenLakeValueIteration(Path target) throws IOException {
        String id = "FrozenLake-v1";
        Env env = Envs.make(id);
        List<StateValues> sweeps = valueIterationSweeps((TabularModel) env.unwrapped(), 0.95, 12);
        PlaySession session = new PlaySession(id, env, obs -> sweeps.getLast().policy()[(int) obs[0]], 4, 1);
        session.apply(org.jdive.rendering.play.Command.TOGGLE_HUD);
        ValueView view = ValueView.sweeps(GridGeometry.of(env), sweeps);
        Scene scene = new Scene(session).withValues(view);
        List<Frame> frames = new ArrayList<>();
        for (int k = 0; k < sweeps.size(); k++) {
            frames.add(scene.compose(2));
            frames.add(scene.compose(2)); // each sweep shown twice as long
            view.move(1);
        }
        frames.addAll(Recorder.record(scene, 30, 2));
        GifEncoder.write(target, frames, 40);
        return target;
    }

    private static Path returnsChart(Path target) throws IOException {
        LineChart chart = new LineChart("CartPole-v1 episode returns", "episode", "return");
        chart.add("random", returns(Policy.random(Envs.make("CartPole-v1"), 5), 5));
        chart.add("lean controller", returns(leanController(), 5));
        chart.writePng(target, 640, 360);
        return target;
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

    /** A frame at half size (every other pixel), to keep the README's GIFs small. */
    private static Frame halve(Frame f) {
        int w = f.width() / 2;
        int h = f.height() / 2;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(f.rgb(), ((2 * y) * f.width() + 2 * x) * 3, rgb, (y * w + x) * 3, 3);
            }
        }
        return new Frame(w, h, rgb);
    }
}
