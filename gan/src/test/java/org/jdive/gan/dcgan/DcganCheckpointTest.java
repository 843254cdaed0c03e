package org.jdive.gan.dcgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.Dataset;
import org.jdive.core.loss.Reduction;
import org.jdive.gan.data.ImageDatasets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DcganCheckpointTest {

    private static final DcganConfig NET = DcganConfig.mnist(28, 4, Variant.PYTORCH);
    private static final DcganTrainer.Settings SETTINGS = new DcganTrainer.Settings(32, 0.002f, 0.5f, 0.999f, Reduction.MEAN, 5);
    private static Dataset digits;

    @BeforeAll
    static void load() throws Exception {
        Path root = Path.of("..", "data", "mnist");
        digits = ImageDatasets.mnist(root.resolve("mnist-10k-images-idx3-ubyte.gz"),
                root.resolve("mnist-10k-labels-idx1-ubyte.gz"), 28).range(0, 192);
    }

    /** Everything that determines the rest of a run: parameters, batch-norm buffers and Adam's state. */
    private static Map<String, float[]> state(DcganTrainer t) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (Scope scope = Scope.open()) {
            t.generator().stateDict().forEach((k, v) -> out.put("G." + k, v.toFloatArray()));
            t.discriminator().stateDict().forEach((k, v) -> out.put("D." + k, v.toFloatArray()));
            t.optimizerG().stateDict().forEach((k, v) -> out.put("optG." + k, v.toFloatArray()));
            t.optimizerD().stateDict().forEach((k, v) -> out.put("optD." + k, v.toFloatArray()));
        }
        return out;
    }

    /** The unconditional DCGAN and the conditional one, whose batches also carry the digits' classes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 10})
    void resumingFromACheckpointGivesTheUninterruptedRunBitForBit(int classes, @TempDir Path dir) throws Exception {
        DcganConfig net = NET.withClasses(classes);
        Map<String, float[]> straight;
        try (var t = new DcganTrainer(net, SETTINGS, digits, Backends.cpu())) {
            t.trainEpoch();
            t.trainEpoch();
            straight = state(t);
        }
        Path checkpoint;
        try (var t = new DcganTrainer(net, SETTINGS, digits, Backends.cpu())) {
            t.trainEpoch();
            checkpoint = DcganCheckpoint.save(dir, t);
        }
        assertEquals(checkpoint, DcganCheckpoint.latest(dir).orElseThrow());
        Map<String, float[]> resumed;
        try (var t = new DcganTrainer(net, SETTINGS, digits, Backends.cpu())) {
            DcganCheckpoint.restore(checkpoint, t);
            assertEquals(1, t.epochsDone());
            t.trainEpoch();
            resumed = state(t);
        }
        assertEquals(straight.keySet(), resumed.keySet());
        assertTrue(straight.containsKey("optD.state.0.exp_avg_sq") && straight.containsKey("G.0.batch_norm.running_var"));
        straight.forEach((k, v) -> assertArrayEquals(v, resumed.get(k), k));
    }

    @Test
    void aCheckpointGeneratesImagesAndRefusesAnotherShape(@TempDir Path dir) throws Exception {
        Path checkpoint;
        try (var t = new DcganTrainer(NET, SETTINGS, digits, Backends.cpu())) {
            checkpoint = DcganCheckpoint.save(dir, t);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no partial folder is left behind");
        }
        assertEquals(NET, DcganCheckpoint.config(checkpoint));
        Path png = dir.resolve("generated.png");
        DcganCheckpoint.generate(checkpoint, 10, 3, 5, png, Backends.cpu());
        assertEquals(5 * 30 + 2, ImageIO.read(png.toFile()).getWidth());

        var wider = new DcganConfig(1, 28, 100, 8, 4, Variant.PYTORCH);
        try (var t = new DcganTrainer(wider, SETTINGS, digits, Backends.cpu())) {
            IOException e = assertThrows(IOException.class, () -> DcganCheckpoint.restore(checkpoint, t));
            assertTrue(e.getMessage().contains("width_g"), e.getMessage());
        }
        try (var t = new DcganTrainer(NET.withClasses(10), SETTINGS, digits, Backends.cpu())) {
            IOException e = assertThrows(IOException.class, () -> DcganCheckpoint.restore(checkpoint, t));
            assertTrue(e.getMessage().contains("classes = (none)"), e.getMessage());
        }
    }

    @Test
    void aConditionalCheckpointKeepsItsClassesAndGeneratesFromThem(@TempDir Path dir) throws Exception {
        DcganConfig net = NET.withClasses(10);
        Path checkpoint;
        try (var t = new DcganTrainer(net, SETTINGS, digits, Backends.cpu())) {
            checkpoint = DcganCheckpoint.save(dir, t);
        }
        assertEquals(net, DcganCheckpoint.config(checkpoint));
        Path png = dir.resolve("generated.png");
        DcganCheckpoint.generate(checkpoint, 20, 3, 10, png, Backends.cpu());
        assertEquals(10 * 30 + 2, ImageIO.read(png.toFile()).getWidth());
    }
}
