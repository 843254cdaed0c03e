package org.jdive.gan.kinds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PacGAN as {@code model.packing} of the mixture GAN: its networks, a short seeded run, exact resume, bad keys. */
class PacGanKindTest {

    @TempDir
    Path dir;

    private Scenario scenario(String extra) throws Exception {
        Path file = dir.resolve("pacgan.yaml");
        Files.writeString(file, """
                model:
                  kind: mixture-gan
                  mixture: ring
                  points: 1000
                  batch_size: 100
                  packing: 2
                  latent_dim: 2
                  hidden: 32
                  hidden_layers: 2
                  generator_batch_norm: true
                  discriminator_hidden: 16
                  discriminator_layers: 2
                  maxout_pieces: 3
                  beta1: 0.8
                """ + extra + """
                budget:
                  epochs: 2
                """);
        return ScenarioLoader.load(file, List.of());
    }

    @Test
    void theDiscriminatorReadsPacksOfTwoPointsAndTheGeneratorHasBatchNorm() throws Exception {
        try (Trainer t = scenario("").kind().create(scenario("")); Scope scope = Scope.open()) {
            var nets = ((MixtureGanKind.Run) t).networks();
            List<String> d = new ArrayList<>(nets.get("the discriminator").namedParameters().keySet());
            assertEquals("1.0.linear.weight", d.getFirst(), "a Pack, then maxout layers: " + d);
            assertArrayEquals(new int[] {16 * 3, 4}, nets.get("the discriminator").namedParameters().get(d.getFirst()).shape(),
                    "the first maxout layer reads 2 × 2 coordinates into 16 units of 3 pieces");
            assertTrue(nets.get("the generator").namedBuffers().keySet().stream().anyMatch(k -> k.endsWith("running_mean")));
            Tensor logits = nets.get("the discriminator").forward(Tensor.zeros(10, 2));
            assertArrayEquals(new int[] {5, 1}, logits.shape(), "10 points are 5 packs, one logit each");
        }
    }

    @Test
    void aResumedRunContinuesExactly() throws Exception {
        Map<String, float[]> straight;
        try (Trainer t = scenario("").kind().create(scenario(""))) {
            t.train(2);
            straight = state(t);
        }
        TrainerState saved;
        try (Trainer t = scenario("").kind().create(scenario(""))) {
            t.train(1);
            saved = t.save();
        }
        try (Trainer t = scenario("").kind().create(scenario(""))) {
            t.restore(saved);
            assertEquals(1, t.done());
            t.train(1);
            Map<String, float[]> resumed = state(t);
            assertEquals(straight.keySet(), resumed.keySet());
            straight.forEach((k, v) -> assertArrayEquals(v, resumed.get(k), k));
        }
    }

    /** Every parameter and buffer (batch norm's running statistics included) of both networks. */
    private static Map<String, float[]> state(Trainer t) {
        Map<String, float[]> out = new java.util.TreeMap<>();
        try (Scope scope = Scope.open()) {
            ((MixtureGanKind.Run) t).networks().forEach((net, m) ->
                    m.stateDict().forEach((k, v) -> out.put(net + ": " + k, v.toFloatArray())));
        }
        return out;
    }

    @Test
    void thePackingMustDivideTheBatch() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "model:\n  kind: mixture-gan\n  batch_size: 100\n  packing: 3\n");
        List<Problem> p = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(file, List.of())).problems();
        assertEquals(List.of("model.packing"), p.stream().map(Problem::key).toList(), p.toString());
        assertTrue(p.getFirst().message().contains("must divide model.batch_size (100"), p.toString());
    }
}
