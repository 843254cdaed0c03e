package org.jdive.agents.dqn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * A DQN's checkpoint folder: the online network with its optimizer's state and the target network (safetensors),
 * the seed and step counters ({@value #STATE_FILE}), and in a full checkpoint the replay buffer and the state of
 * play ({@link DqnPlay#save}). A {@link Dqn} and each member of a {@link DqnPopulation} write the same folder, so a
 * member's checkpoint is an ordinary DQN checkpoint.
 */
final class DqnCheckpoint {

    private static final String ONLINE_FILE = "online.safetensors";
    private static final String TARGET_FILE = "target.safetensors";
    private static final String STATE_FILE = "state.properties";

    /** The step counters a checkpoint keeps. */
    record Counters(long steps, long vectorSteps, long updates) {
    }

    private DqnCheckpoint() {
    }

    /**
     * Writes the folder {@code dir}, replacing it as a whole: it is written beside {@code dir} and renamed over it.
     * Without {@code play} only the networks and counters are written (a best-model checkpoint).
     */
    static void write(Path dir, Module online, Optimizer optimizer, Module target, long seed, Counters counters,
                      DqnPlay play) throws IOException {
        Path absolute = dir.toAbsolutePath();
        Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp-" + System.nanoTime());
        Files.createDirectories(temp);
        Checkpoint.save(temp.resolve(ONLINE_FILE), online, optimizer);
        Checkpoint.save(temp.resolve(TARGET_FILE), target);
        // Written by hand rather than Properties.store, which stamps the time: equal runs give equal bytes.
        Files.writeString(temp.resolve(STATE_FILE), String.format(Locale.ROOT,
                "# jdive DQN checkpoint%nseed=%d%nsteps=%d%nvectorSteps=%d%nupdates=%d%n",
                seed, counters.steps(), counters.vectorSteps(), counters.updates()));
        if (play != null) {
            play.save(temp);
        }
        Path old = absolute.resolveSibling(absolute.getFileName() + ".old-" + System.nanoTime());
        boolean replacing = Files.exists(absolute);
        if (replacing) {
            Files.move(absolute, old);
        }
        Files.move(temp, absolute);
        if (replacing) {
            try (var files = Files.list(old)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(old);
        }
    }

    /** Reads the networks and the optimizer's state of {@code dir} into the given ones; returns its counters. */
    static Counters readNetworks(Path dir, long seed, Module online, Optimizer optimizer, Module target)
            throws IOException {
        Properties counters = new Properties();
        try (var in = Files.newBufferedReader(dir.resolve(STATE_FILE))) {
            counters.load(in);
        }
        long savedSeed = Long.parseLong(counters.getProperty("seed"));
        if (savedSeed != seed) {
            throw new IOException(dir + " was saved by a DQN with seed " + savedSeed + ", this one has seed " + seed);
        }
        Checkpoint.load(dir.resolve(ONLINE_FILE), online, optimizer);
        Checkpoint.load(dir.resolve(TARGET_FILE), target);
        return new Counters(Long.parseLong(counters.getProperty("steps")),
                Long.parseLong(counters.getProperty("vectorSteps")), Long.parseLong(counters.getProperty("updates")));
    }

    /** Whether {@code dir} holds a full checkpoint rather than only the networks. */
    static boolean isFull(Path dir) {
        return Files.exists(dir.resolve(DqnPlay.REPLAY_FILE));
    }
}
