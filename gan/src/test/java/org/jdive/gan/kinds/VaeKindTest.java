package org.jdive.gan.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdive.core.Scope;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code vae} kind from a scenario: its metrics, figures, samples and exact resume through the trainer SPI. */
class VaeKindTest {

    @TempDir
    Path dir;

    private Scenario scenario() throws Exception {
        Path file = dir.resolve("vae.yaml");
        Files.writeString(file, """
                data:
                  path: ../data/mnist
                  images: 192
                  held_out: 64
                model:
                  kind: vae
                  latent_dim: 4
                  width: 4
                  batch_size: 32
                budget:
                  epochs: 2
                """);
        return ScenarioLoader.load(file, List.of());
    }

    @Test
    void anEpochLogsTheElboTermsAndDrawsTheFigures() throws Exception {
        Path run = dir.resolve("run");
        try (Trainer t = scenario().kind().create(scenario())) {
            t.writeFilesTo(run);
            Map<String, Double> m = t.train(1);
            assertEquals(List.of("elbo", "reconstruction", "kl", "test_elbo", "test_reconstruction", "test_kl", "images_per_s"),
                    List.copyOf(m.keySet()));
            assertEquals(m.get("test_elbo"), -(m.get("test_reconstruction") + m.get("test_kl")), 1e-3);
            for (String png : List.of("samples/epoch-0001.png", "plots/vae-samples.png", "plots/vae-reconstructions.png",
                    "plots/vae-interpolations.png")) {
                assertTrue(ImageIO.read(run.resolve(png).toFile()).getWidth() > 0, png);
            }
            List<Path> drawn = ((Sampler) t).sample(3, 1, dir.resolve("drawn"));
            assertEquals(4, drawn.size(), "three images and their grid");
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

    private static float[] parameters(Trainer t) {
        try (Scope scope = Scope.open()) {
            return ((VaeKind.Run) t).vae().vae().parameters().stream().map(p -> p.toFloatArray())
                    .reduce(new float[0], VaeKindTest::concat);
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
