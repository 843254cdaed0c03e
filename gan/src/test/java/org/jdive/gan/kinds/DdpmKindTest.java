package org.jdive.gan.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.jdive.core.Scope;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ddpm} kind from a scenario: its metrics, figures, sampler options and exact resume through the trainer SPI. */
class DdpmKindTest {

    @TempDir
    Path dir;

    /** The test scenario with deterministic DDIM in 4 steps. */
    private Scenario scenario() throws Exception {
        return scenario("  steps: 4\n  eta: 0.0\n");
    }

    /** The test scenario, {@code extra} its {@code eval} section. */
    private Scenario scenario(String extra) throws Exception {
        Path file = dir.resolve("ddpm.yaml");
        Files.writeString(file, """
                data:
                  path: ../data/mnist
                  images: 96
                  held_out: 32
                model:
                  kind: ddpm
                  width: 8
                  timesteps: 100
                  batch_size: 32
                budget:
                  epochs: 2
                eval:
                """ + extra);
        return ScenarioLoader.load(file, List.of());
    }

    @Test
    void anEpochLogsTheLossesAndDrawsTheSamplesAndTheReverseProcess() throws Exception {
        Path run = dir.resolve("run");
        try (Trainer t = scenario().kind().create(scenario())) {
            t.writeFilesTo(run);
            Map<String, Double> m = t.train(1);
            assertEquals(List.of("loss", "test_loss", "images_per_s"), List.copyOf(m.keySet()));
            assertTrue(m.get("loss") < 1.0 && m.get("test_loss") < 1.0,
                    "below E[ε²] = 1, what the zero-initialised net starts at: " + m);
            for (String png : List.of("samples/epoch-0001.png", "plots/ddpm-samples.png")) {
                assertEquals(8 * 30 + 2, ImageIO.read(run.resolve(png).toFile()).getWidth(), png);
            }
            assertEquals(1 + 4, gifFrames(run.resolve("plots/ddpm-reverse-process.gif")), "x_T and each of DDIM's 4 steps");
            Sampler sampler = (Sampler) t;
            List<Path> drawn = sampler.sample(3, 1, Map.of("sampler", "ddim", "steps", "2"), dir.resolve("drawn"));
            assertEquals(4, drawn.size(), "three images and their grid");
            String bad = assertThrows(IllegalArgumentException.class,
                    () -> sampler.sample(1, 1, Map.of("steps", "101"), dir.resolve("bad"))).getMessage();
            assertTrue(bad.contains("'steps' must be 1 to T = 100"), bad);
            bad = assertThrows(IllegalArgumentException.class,
                    () -> sampler.sample(1, 1, Map.of("sampler", "euler"), dir.resolve("bad"))).getMessage();
            assertTrue(bad.contains("ddim or ddpm"), bad);
        }
    }

    @Test
    void aResumedRunContinuesExactly() throws Exception {
        float[] straight;
        try (Trainer t = scenario().kind().create(scenario())) {
            t.train(2);
            straight = parameters(t);
        }
        TrainerState state;
        try (Trainer t = scenario().kind().create(scenario())) {
            t.train(1);
            state = t.save();
        }
        try (Trainer t = scenario().kind().create(scenario())) {
            t.restore(state);
            assertEquals(1, t.done());
            t.train(1);
            assertArrayEquals(straight, parameters(t));
        }
    }

    @Test
    void badKeysNameWhatIsAllowed() throws Exception {
        List<Problem> p = assertThrows(ScenarioException.class,
                () -> scenario("  sampler: euler\n  steps: 200\n")).problems();
        assertEquals(List.of("eval.sampler", "eval.steps"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("Allowed: ddim, ddpm"), p.toString());
        assertTrue(p.get(1).message().contains("at most model.timesteps (100), got 200"), p.toString());
        p = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write(
                "data:\n  path: ../data/mnist\nmodel:\n  kind: ddpm\n  width: 12\n  beta_end: 0.00001\n"), List.of()))
                .problems();
        assertEquals(List.of("model.width", "model.beta_end"), p.stream().map(Problem::key).toList(), p.toString());
        p = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(write(
                "data:\n  path: ../data/mnist\nmodel:\n  kind: ddpm\n  beta_start: 0\neval:\n  eta: -1\n"), List.of()))
                .problems();
        assertEquals(List.of("model.beta_start", "eval.eta"), p.stream().map(Problem::key).toList(), p.toString());
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static int gifFrames(Path gif) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }

    private static float[] parameters(Trainer t) {
        try (Scope scope = Scope.open()) {
            return ((DdpmKind.Run) t).ddpm().ddpm().net().parameters().stream().map(p -> p.toFloatArray())
                    .reduce(new float[0], DdpmKindTest::concat);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
