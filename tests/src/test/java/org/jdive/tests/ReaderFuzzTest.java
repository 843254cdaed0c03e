package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.replay.ReplayBuffer;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.data.Idx;
import org.jdive.core.io.SafeTensors;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random damage to every file format jdive reads back — checkpoints, safetensors, replay buffers, IDX data —
 * a couple of thousand mutations each (cut short, bytes flipped, a length field made huge, the magic changed,
 * garbage appended): each read ends in a correct read or an {@link IOException} that says what is wrong; never
 * another exception, an {@link OutOfMemoryError} from a length field, or a hang.
 */
class ReaderFuzzTest {

    private static final int MUTATIONS = 2000;

    @TempDir
    Path dir;

    /** A reader of one format. */
    private interface Reader {
        void read(Path file) throws Exception;
    }

    @Test
    void checkpoints() throws Exception {
        Path file = dir.resolve("c.state");
        new TrainerState().put("d", new double[] {1, 2}).put("f", new float[17]).put("n", 3L, 4L)
                .put("file:online.safetensors", new byte[300]).write(file);
        fuzz("checkpoint", file, TrainerState::read);
    }

    @Test
    void safetensors() throws Exception {
        Path file = dir.resolve("t.safetensors");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("bias", Tensor.of(new float[] {0.5f, -1}, 2));
        SafeTensors.write(file, tensors, Map.of("format", "pt"));
        fuzz("safetensors", file, SafeTensors::read);
    }

    @Test
    void replayBuffers() throws Exception {
        ReplayBuffer buffer = new ReplayBuffer(64, 4, 2, 1, 0.99);
        UniformRandomProvider rng = Rng.seeded(1);
        float[] obs = new float[4];
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 4; k++) {
                obs[k] = rng.nextFloat();
            }
            buffer.add(i % 2, obs, 0, rng.nextInt(2), rng.nextFloat(), i % 7 == 6, i % 11 == 10, obs, 0);
        }
        Path file = dir.resolve("r.replay");
        buffer.save(file);
        fuzz("replay buffer", file, f -> new ReplayBuffer(64, 4, 2, 1, 0.99).load(f));
    }

    @Test
    void idxFiles() throws Exception {
        ByteBuffer idx = ByteBuffer.allocate(4 + 3 * 4 + 5 * 4 * 4);
        idx.put(new byte[] {0, 0, 8, 3}).putInt(5).putInt(4).putInt(4);
        for (int i = 0; i < 80; i++) {
            idx.put((byte) i);
        }
        Path file = dir.resolve("images-idx3-ubyte");
        Files.write(file, idx.array());
        fuzz("IDX", file, Idx::read);
    }

    private void fuzz(String format, Path file, Reader reader) throws Exception {
        reader.read(file); // the undamaged file reads
        byte[] good = Files.readAllBytes(file);
        UniformRandomProvider rng = Rng.seeded(format.hashCode());
        Path damaged = dir.resolve("damaged-" + file.getFileName());
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < MUTATIONS; i++) {
                String what = mutate(good, rng, damaged);
                try {
                    reader.read(damaged);
                } catch (IOException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) {
                        fail(format + ", " + what + ": an IOException that says nothing: " + e);
                    }
                } catch (Throwable t) {
                    fail(format + ", " + what + ": " + t, t);
                }
            }
        }, format + ": a read hung");
    }

    /** Writes {@code good} damaged one way or another to {@code target}; returns how. */
    private static String mutate(byte[] good, UniformRandomProvider rng, Path target) throws IOException {
        byte[] bad;
        String what;
        switch (rng.nextInt(5)) {
            case 0 -> {
                int length = rng.nextInt(good.length);
                bad = Arrays.copyOf(good, length);
                what = "cut to " + length + " bytes";
            }
            case 1 -> {
                bad = good.clone();
                int flips = 1 + rng.nextInt(4);
                StringBuilder at = new StringBuilder();
                for (int k = 0; k < flips; k++) {
                    int p = rng.nextInt(bad.length);
                    bad[p] ^= (byte) (1 << rng.nextInt(8));
                    at.append(' ').append(p);
                }
                what = "bits flipped at" + at;
            }
            case 2 -> {
                bad = good.clone();
                int p = rng.nextInt(Math.max(1, bad.length - 8));
                long huge = rng.nextBoolean() ? 0x7fffffffL : 0x7ffffffffffffff0L;
                ByteBuffer.wrap(bad).putLong(Math.min(p, bad.length - 8), rng.nextBoolean() ? huge : Long.reverseBytes(huge));
                what = "a huge number written at " + p;
            }
            case 3 -> {
                bad = good.clone();
                for (int k = 0; k < Math.min(4, bad.length); k++) {
                    bad[k] = (byte) rng.nextInt(256);
                }
                what = "the first bytes replaced";
            }
            default -> {
                int extra = 1 + rng.nextInt(64);
                bad = Arrays.copyOf(good, good.length + extra);
                for (int k = good.length; k < bad.length; k++) {
                    bad[k] = (byte) rng.nextInt(256);
                }
                what = extra + " bytes of garbage appended";
            }
        }
        Files.write(target, bad);
        return what;
    }
}
