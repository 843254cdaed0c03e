package org.jdive.gan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;

/**
 * A GAN over points in the plane, trained epoch by epoch, whose two networks and two optimizers make up its
 * whole state: what a checkpoint saves and restores (D2L's toy GAN, the mixture GAN).
 */
public interface PointGan extends AutoCloseable {

    /** The generator, noise to points {@code [n, 2]}. */
    Sequential generator();

    /** The discriminator, points to one logit each. */
    Sequential discriminator();

    /** The generator's optimizer, whose moments a checkpoint saves. */
    Adam optimizerG();

    /** The discriminator's optimizer, whose moments a checkpoint saves. */
    Adam optimizerD();

    /** The number of epochs trained (including those a checkpoint restored). */
    int epochsDone();

    /** Sets the number of epochs already trained, after restoring networks and optimizers from a checkpoint. */
    void epochsDone(int epochs);

    /** {@code n} generated points, row after row ({@code [n, 2]}). */
    float[] generate(int n, UniformRandomProvider rng);

    @Override
    void close();
}
