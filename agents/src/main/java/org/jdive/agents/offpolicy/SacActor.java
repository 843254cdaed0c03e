package org.jdive.agents.offpolicy;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * What SAC needs of its actor, whichever way it explores: independent Gaussian noise per step
 * ({@link SquashedGaussianActor}) or generalised state-dependent exploration ({@link GsdeActor}).
 */
abstract class SacActor extends Module {

    /** An action in [−1, 1] sampled with the reparameterisation trick and its log-probability, [n, 1]. */
    record Sample(Tensor action, Tensor logProb) {
    }

    /** Samples one action per row of {@code obs} for a gradient step, differentiably. */
    abstract Sample sample(Tensor obs, UniformRandomProvider rng);

    /** The exploring actions of the envs' observations, one row per env. */
    abstract Tensor explore(Tensor obs, UniformRandomProvider rng);

    /** Draws new exploration noise: before each gradient step, and before each stretch of collection. */
    abstract void resetNoise(int rows, UniformRandomProvider rng);

    /** Writes the exploration noise drawn ahead (none for independent noise), for a checkpoint. */
    abstract void saveNoise(StateWriter out);

    /** Reads what {@link #saveNoise} wrote. */
    abstract void restoreNoise(StateReader in);

    /** The deterministic actions, [n, k], in [−1, 1]. */
    abstract Tensor deterministic(Tensor obs);

    /** The pre-squash mean and standard deviation of one observation's action, each of the action's size. */
    abstract float[][] meanAndStd(Tensor obs);

    /** The deterministic actions. */
    @Override
    public Tensor forward(Tensor obs) {
        return deterministic(obs);
    }
}
