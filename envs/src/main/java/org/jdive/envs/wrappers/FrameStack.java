package org.jdive.envs.wrappers;

import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.MultiBinary;

/**
 * Stacks the last {@code k} observations, oldest first, into one of shape {@code [k, ...inner shape]}, as
 * Gymnasium's {@code FrameStackObservation} with {@code padding_type="reset"}: after a reset the stack holds
 * the first observation {@code k} times. Needs a {@link Box} or {@link MultiBinary} observation space.
 */
public final class FrameStack extends Wrapper {

    private final int k;
    private final int frameSize;
    private final float[] frames;
    private final Space space;
    private int newest;

    /** Stacks {@code env}'s last {@code k >= 1} observations. */
    public FrameStack(Env env, int k) {
        super(env);
        if (k < 1) {
            throw new IllegalArgumentException("FrameStack needs k >= 1, got " + k);
        }
        this.k = k;
        this.frameSize = env.observationSpace().size();
        this.frames = new float[k * frameSize];
        this.space = stacked(env.observationSpace(), k);
    }

    private static Space stacked(Space inner, int k) {
        int[] shape = new int[inner.shape().length + 1];
        shape[0] = k;
        System.arraycopy(inner.shape(), 0, shape, 1, inner.shape().length);
        if (inner instanceof MultiBinary) {
            return new MultiBinary(shape);
        }
        if (inner instanceof Box box) {
            int n = inner.size();
            float[] low = new float[k * n];
            float[] high = new float[k * n];
            for (int i = 0; i < k; i++) {
                System.arraycopy(box.low(), 0, low, i * n, n);
                System.arraycopy(box.high(), 0, high, i * n, n);
            }
            return new Box(low, high, shape);
        }
        throw new IllegalArgumentException("FrameStack needs a Box or MultiBinary observation space, got " + inner);
    }

    @Override
    public Space observationSpace() {
        return space;
    }

    /** A stack holds past frames, which one observation cannot give. */
    @Override
    public float[] observation(float[] inner) {
        throw new UnsupportedOperationException("a frame stack's observation depends on the frames before it");
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        for (int i = 0; i < k; i++) {
            System.arraycopy(obs, offset, frames, i * frameSize, frameSize);
        }
        newest = k - 1;
        observeInto(obs, offset);
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        newest = (newest + 1) % k;
        System.arraycopy(obs, offset, frames, newest * frameSize, frameSize);
        observeInto(obs, offset);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        int oldest = (newest + 1) % k;
        int head = (k - oldest) * frameSize;
        System.arraycopy(frames, oldest * frameSize, obs, offset, head);
        System.arraycopy(frames, 0, obs, offset + head, oldest * frameSize);
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeFloats(frames);
        out.writeInt(newest);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        in.readFloats(frames);
        newest = in.readInt();
    }
}
