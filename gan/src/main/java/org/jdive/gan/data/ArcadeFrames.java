package org.jdive.gan.data;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.data.ArrayDataset;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.envs.spaces.Discrete;

/**
 * Frames of one of jdive's environments (e.g. {@code MinAtar/Breakout-v1}) as a GAN dataset: the env is played
 * with uniformly random actions, and every {@code every}-th step's rendered RGB frame is kept, resized
 * bilinearly to {@code size × size} and scaled to [-1, 1] ({@code [3, size, size]}). Episodes that end are
 * restarted. The env's seed and the actions come from {@code seed}, so the same arguments give the same frames.
 */
public final class ArcadeFrames {

    private ArcadeFrames() {
    }

    /**
     * Plays {@code envId} and keeps {@code frames} of its frames, as the class comment says; every target is 0.
     *
     * @param every keep every {@code every}-th step's frame (1 keeps them all; more spreads the frames over more play)
     * @param size the side of the square images, in pixels
     * @return {@code frames} images {@code [3, size, size]} in [-1, 1]
     */
    public static ArrayDataset capture(String envId, int frames, int every, int size, long seed) {
        if (frames <= 0 || every <= 0 || size <= 0) {
            throw new IllegalArgumentException("arcade frames: frames, every and size must be positive, got "
                    + frames + ", " + every + ", " + size);
        }
        int plane = 3 * size * size;
        float[] out = new float[frames * plane];
        UniformRandomProvider actions = Rng.split(seed, "arcade-actions");
        try (Env env = Envs.make(envId)) {
            if (!(env.actionSpace() instanceof Discrete discrete)) {
                throw new IllegalArgumentException(envId + " has no discrete action space");
            }
            env.reset(seed);
            int kept = 0;
            long step = 0;
            while (kept < frames) {
                env.step(discrete.sampleAction(actions));
                if (env.lastTerminated() || env.lastTruncated()) {
                    env.reset();
                }
                if (++step % every == 0) {
                    Frame f = env.render();
                    float[] rgb = Pixels.fromRgb(f.rgb(), f.width(), f.height(), 3);
                    float[] resized = f.width() == size && f.height() == size ? rgb
                            : Resize.bilinear(rgb, 3, f.height(), f.width(), size, size);
                    System.arraycopy(resized, 0, out, kept * plane, plane);
                    kept++;
                }
            }
        }
        return new ArrayDataset(out, new int[] {3, size, size}, new float[frames], new int[0]);
    }
}
