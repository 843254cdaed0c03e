package org.jdive.gan.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GAN kinds' keys: bad values are errors that name the key, its line and what is allowed. */
class GanSchemaTest {

    @TempDir
    Path dir;

    private List<Problem> problems(String yaml) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of())).problems();
    }

    @Test
    void anUnknownDatasetNamesTheAllowedOnes() throws IOException {
        List<Problem> p = problems("model:\n  kind: dcgan\ndata:\n  dataset: imagenet\n");
        assertEquals(1, p.size(), p.toString());
        assertEquals("data.dataset", p.getFirst().key());
        assertEquals(4, p.getFirst().origin().line(), p.toString());
        assertTrue(p.getFirst().message().contains("Allowed: mnist, folder, arcade"), p.toString());
    }

    @Test
    void aBadImageSizeNamesTheAllowedSizes() throws IOException {
        List<Problem> p = problems("model:\n  kind: dcgan\ndata:\n  size: 30\n  path: ../data/mnist\n");
        assertEquals(List.of("data.size"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("must be one of [16, 28, 32, 64, 128], got 30"), p.toString());
    }

    @Test
    void datasetsNeedTheirSourceAndEveryProblemIsReportedAtOnce() throws IOException {
        List<Problem> p = problems("model:\n  kind: dcgan\n  variant: keras\ndata:\n  dataset: arcade\n");
        assertEquals(List.of("model.variant", "data.env"), p.stream().map(Problem::key).toList(),
                "the dataset's check runs beside the wrong variant: " + p);
        assertTrue(p.getFirst().message().contains("Allowed: d2l, pytorch"), p.toString());
        p = problems("model:\n  kind: dcgan\ndata:\n  dataset: arcade\n  size: 30\n");
        assertEquals(List.of("data.size", "data.env"), p.stream().map(Problem::key).toList(), p.toString());
        p = problems("model:\n  kind: dcgan\ndata:\n  dataset: folder\n  path: " + dir.resolve("nowhere") + "\n");
        assertTrue(p.getFirst().message().startsWith("not a folder"), p.toString());
    }

    @Test
    void featureScoresAreForMnistOnly() throws IOException {
        List<Problem> p = problems("model:\n  kind: dcgan\ndata:\n  dataset: arcade\n  env: MinAtar/Breakout-v1\n"
                + "eval:\n  features: lenet\n");
        assertEquals(List.of("eval.features"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("MNIST digits only; this scenario's dataset is arcade"), p.toString());
        p = problems("model:\n  kind: dcgan\ndata:\n  path: ../data/mnist\neval:\n  features: inception\n");
        assertTrue(p.getFirst().message().contains("Allowed: none, lenet"), p.toString());
    }

    @Test
    void mixtureAndToyKeysAreChecked() throws IOException {
        List<Problem> p = problems("model:\n  kind: mixture-gan\n  mixture: spiral\n  lr_d: 0\n");
        assertEquals(List.of("model.mixture", "model.lr_d"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("Allowed: ring, grid"), p.toString());
        p = problems("model:\n  kind: toy-gan\n  batch_size: 2000\n");
        assertTrue(p.getFirst().message().contains("at most model.points (1000)"), p.toString());
        p = problems("model:\n  kind: toy-gan\n  lr: 0.1\n");
        assertTrue(p.getFirst().message().contains("Did you mean"), p.toString());
    }

    @Test
    void wganGpKeysAreChecked() throws IOException {
        List<Problem> p = problems("model:\n  kind: mixture-wgan-gp\n  mixture: grid\n  n_critic: 0\n  beta1: 1.0\n"
                + "  gp_lambda: -1\n  batch_size: 4096\n  points: 1024\n");
        assertEquals(List.of("model.n_critic", "model.beta1", "model.gp_lambda", "model.batch_size"),
                p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.get(3).message().contains("at most model.points (1024)"), p.toString());
    }

    @Test
    void conditioningNeedsLabelsAndTheVaeNeedsTrainingImages() throws IOException {
        List<Problem> p = problems("model:\n  kind: dcgan\n  conditional: true\ndata:\n  dataset: folder\n  path: " + dir + "\n");
        assertEquals(List.of("model.conditional"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("only data.dataset: mnist has"), p.toString());
        p = problems("model:\n  kind: vae\ndata:\n  images: 500\n  held_out: 500\n");
        assertEquals(List.of("data.held_out"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("must be less than data.images (500), got 500"), p.toString());
        p = problems("model:\n  kind: vae\n  batch_size: 200\ndata:\n  images: 500\n  held_out: 400\n");
        assertEquals(List.of("model.batch_size"), p.stream().map(Problem::key).toList(), p.toString());
    }
}
