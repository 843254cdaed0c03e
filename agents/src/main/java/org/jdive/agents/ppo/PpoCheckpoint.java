package org.jdive.agents.ppo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.core.io.Checkpoint;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Saves and restores a {@link Ppo} exactly, mid-rollout included: the actor, the critic and Adam's state
 * ({@value #NETWORKS}), and everything else ({@value #PLAY}): the counters, the random streams, the rollout filled so
 * far, the envs' states mid-episode, the current observations and the running episode statistics. Restored into a
 * {@link Ppo} of the same settings, training goes on as if it had never stopped (bit for bit on the CPU backend).
 */
public final class PpoCheckpoint {

    static final String NETWORKS = "agent.safetensors";
    static final String PLAY = "ppo.bin";

    private PpoCheckpoint() {
    }

    /** Writes {@code ppo}'s state into the folder {@code dir}. */
    public static void save(Ppo ppo, Path dir) throws IOException {
        Files.createDirectories(dir);
        Checkpoint.save(dir.resolve(NETWORKS), ppo.agent, ppo.optimizer);
        StateWriter out = new StateWriter().writeLong(ppo.seed).writeLong(ppo.steps).writeLong(ppo.updates).writeInt(ppo.position)
                .writeBoolean(ppo.started).writeRng(ppo.actionRng).writeRng(ppo.minibatchRng)
                .writeFloats(ppo.obs).writeInts(ppo.actions).writeFloats(ppo.logProbs).writeFloats(ppo.rewards)
                .writeBooleans(ppo.dones).writeFloats(ppo.values).writeFloats(ppo.nextObs).writeBooleans(ppo.nextDone)
                .writeDoubles(ppo.episodeReturns).writeInts(ppo.episodeLengths);
        if (ppo.started) {
            out.writeBytes(ppo.envs.saveState());
        }
        Files.write(dir.resolve(PLAY), out.toByteArray());
    }

    /**
     * Restores what {@link #save} wrote into {@code ppo}, built with the same settings and seed; a checkpoint of
     * another run (seed, network shape, envs or rollout size) is refused with an {@link IOException} naming it.
     */
    public static void load(Ppo ppo, Path dir) throws IOException {
        Path play = dir.resolve(PLAY);
        StateReader in = new StateReader(Files.readAllBytes(play));
        long savedSeed = in.readLong();
        if (savedSeed != ppo.seed) {
            throw new IOException(dir + " was saved by a PPO with seed " + savedSeed + ", this one has seed " + ppo.seed);
        }
        Checkpoint.load(dir.resolve(NETWORKS), ppo.agent, ppo.optimizer);
        try {
            ppo.steps = in.readLong();
            ppo.updates = in.readLong();
            ppo.position = in.readInt();
            ppo.started = in.readBoolean();
            in.readRng(ppo.actionRng);
            in.readRng(ppo.minibatchRng);
            in.readFloats(ppo.obs);
            in.readInts(ppo.actions);
            in.readFloats(ppo.logProbs);
            in.readFloats(ppo.rewards);
            in.readBooleans(ppo.dones);
            in.readFloats(ppo.values);
            in.readFloats(ppo.nextObs);
            in.readBooleans(ppo.nextDone);
            in.readDoubles(ppo.episodeReturns);
            in.readInts(ppo.episodeLengths);
            if (ppo.started) {
                ppo.envs.restoreState(in.readBytes());
            }
            in.requireEnd();
        } catch (IllegalArgumentException e) {
            throw new IOException(play + " does not fit this PPO and its envs: " + e.getMessage(), e);
        }
    }
}
