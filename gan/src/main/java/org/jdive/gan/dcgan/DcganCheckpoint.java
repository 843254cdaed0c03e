package org.jdive.gan.dcgan;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.nn.Sequential;
import org.jdive.gan.ClassConditioning;
import org.jdive.gan.Noise;
import org.jdive.gan.io.SampleGrid;

/**
 * Checkpoints of a {@link DcganTrainer} after an epoch: a folder {@code checkpoint-epoch-NNNN} holding
 * {@code generator.safetensors} (the generator and its Adam state), {@code discriminator.safetensors} (the same
 * for the discriminator; both in {@link Checkpoint}'s layout, PyTorch's names) and {@code trainer.properties}
 * (the network's shape and the epochs done). The folder is written under a temporary name and renamed, so a
 * checkpoint is either complete or absent. Restoring it into a trainer built with the same settings and
 * training on gives, on the CPU backend, the same networks as a run never interrupted.
 */
public final class DcganCheckpoint {

    private static final String PREFIX = "checkpoint-epoch-";
    private static final String GENERATOR = "generator.safetensors";
    private static final String DISCRIMINATOR = "discriminator.safetensors";
    private static final String TRAINER = "trainer.properties";

    private DcganCheckpoint() {
    }

    /** Writes the trainer's state under {@code runDir}; returns the checkpoint's folder. */
    public static Path save(Path runDir, DcganTrainer trainer) throws IOException {
        Files.createDirectories(runDir);
        Path target = runDir.resolve(String.format("%s%04d", PREFIX, trainer.epochsDone()));
        Path tmp = Files.createTempDirectory(runDir, ".partial-");
        try {
            Checkpoint.save(tmp.resolve(GENERATOR), trainer.generator(), trainer.optimizerG());
            Checkpoint.save(tmp.resolve(DISCRIMINATOR), trainer.discriminator(), trainer.optimizerD());
            Properties p = describe(trainer.config());
            p.setProperty("epochs_done", Integer.toString(trainer.epochsDone()));
            try (Writer w = Files.newBufferedWriter(tmp.resolve(TRAINER))) {
                p.store(w, "jdive DCGAN checkpoint");
            }
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /** The checkpoint of the most epochs under {@code runDir}, if any. */
    public static Optional<Path> latest(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(runDir)) {
            return list.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    /**
     * Restores networks, optimizers and the epoch count from {@code checkpoint} into {@code trainer}.
     *
     * @throws IOException when the checkpoint was made for another network shape (naming both) or is damaged
     */
    public static void restore(Path checkpoint, DcganTrainer trainer) throws IOException {
        Properties p = read(checkpoint);
        Properties expected = describe(trainer.config());
        java.util.Set<String> keys = new java.util.TreeSet<>(expected.stringPropertyNames());
        keys.add("classes");
        for (String key : keys) {
            if (!java.util.Objects.equals(expected.getProperty(key), p.getProperty(key))) {
                throw new IOException(checkpoint + " was made for a DCGAN with " + key + " = " + p.getProperty(key, "(none)")
                        + ", this trainer has " + key + " = " + expected.getProperty(key, "(none)"));
            }
        }
        Checkpoint.load(checkpoint.resolve(GENERATOR), trainer.generator(), trainer.optimizerG());
        Checkpoint.load(checkpoint.resolve(DISCRIMINATOR), trainer.discriminator(), trainer.optimizerD());
        trainer.epochsDone(Integer.parseInt(p.getProperty("epochs_done")));
    }

    /** The network shape a checkpoint was made for. */
    public static DcganConfig config(Path checkpoint) throws IOException {
        Properties p = read(checkpoint);
        try {
            return new DcganConfig(Integer.parseInt(p.getProperty("channels")), Integer.parseInt(p.getProperty("image_size")),
                    Integer.parseInt(p.getProperty("latent_dim")), Integer.parseInt(p.getProperty("width_g")),
                    Integer.parseInt(p.getProperty("width_d")), Variant.valueOf(p.getProperty("variant")),
                    Integer.parseInt(p.getProperty("classes", "0")));
        } catch (RuntimeException e) {
            throw new IOException(checkpoint.resolve(TRAINER) + ": incomplete or damaged: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the generator of {@code checkpoint} on {@code backend} and writes {@code n} of its images, drawn with
     * noise from {@code seed}, as a PNG grid of {@code perRow} per row; a conditional generator's images cycle
     * through the classes.
     */
    public static void generate(Path checkpoint, int n, long seed, int perRow, Path png, Backend backend) throws IOException {
        DcganConfig c = config(checkpoint);
        try (Sequential g = DcganNets.generator(c, backend, Rng.seeded(0))) {
            Checkpoint.load(checkpoint.resolve(GENERATOR), g);
            UniformRandomProvider rng = Rng.split(seed, "generate");
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                Tensor z = Noise.sample(rng, backend, n, c.latentShape());
                if (c.conditional()) {
                    float[] labels = new float[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = i % c.classes();
                    }
                    z = ClassConditioning.appendToNoise(z, new ClassConditioning(c.classes()).oneHot(backend, labels));
                }
                SampleGrid.write(png, g.forward(z), perRow);
            }
        }
    }

    private static Properties describe(DcganConfig c) {
        Properties p = new Properties();
        p.setProperty("channels", Integer.toString(c.channels()));
        p.setProperty("image_size", Integer.toString(c.imageSize()));
        p.setProperty("latent_dim", Integer.toString(c.latentDim()));
        p.setProperty("width_g", Integer.toString(c.widthG()));
        p.setProperty("width_d", Integer.toString(c.widthD()));
        p.setProperty("variant", c.variant().name());
        if (c.conditional()) { // absent from unconditional checkpoints, including those written before conditioning
            p.setProperty("classes", Integer.toString(c.classes()));
        }
        return p;
    }

    private static Properties read(Path checkpoint) throws IOException {
        Path file = checkpoint.resolve(TRAINER);
        if (!Files.isRegularFile(file)) {
            throw new IOException(checkpoint + ": not a DCGAN checkpoint (no " + TRAINER + ")");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
