package org.jdive.agents.dqn;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Unflatten;
import org.jdive.core.nn.Sequential;

/**
 * The Q-networks of the DQN family: a torso that turns a batch of flat observations {@code [B, obsSize]}
 * into features, and a head that gives one value per action, {@code [B, numActions]}.
 */
public final class QNetworks {

    private QNetworks() {
    }

    /**
     * An MLP with ReLUs, as CleanRL's ({@code hidden = 120, 84}) and SB3's ({@code 64, 64}) DQN for vector
     * observations; with {@code dueling} the last layer is a {@link DuelingHead}.
     */
    public static Module mlp(int observationSize, int[] hidden, int numActions, boolean dueling,
                             UniformRandomProvider rng) {
        if (hidden.length == 0) {
            throw new IllegalArgumentException("an MLP Q-network needs at least one hidden layer");
        }
        Sequential net = new Sequential();
        int in = observationSize;
        for (int width : hidden) {
            net.add(new Linear(in, width, rng)).add(new Relu());
            in = width;
        }
        return net.add(head(in, numActions, dueling, rng));
    }

    /**
     * MinAtar's network (Young and Tian 2019): a 3×3 convolution with 16 filters (stride 1, no padding) and
     * a ReLU, then a 128-unit fully connected layer and a ReLU, then the head; the input is a flat
     * channels-first grid, {@code [channels, side, side]} (MinAtar's observations are channel-last: {@link Dqn}
     * rearranges each one as it arrives).
     */
    public static Module minAtar(int side, int channels, int numActions, boolean dueling, UniformRandomProvider rng) {
        int conv = side - 2;
        return new Sequential(
                new Unflatten(1, channels, side, side),
                new Conv2d(channels, 16, 3, rng), new Relu(),
                new Flatten(),
                new Linear(16 * conv * conv, 128, rng), new Relu(),
                head(128, numActions, dueling, rng));
    }

    private static Module head(int features, int numActions, boolean dueling, UniformRandomProvider rng) {
        return dueling ? new DuelingHead(features, numActions, rng) : new Linear(features, numActions, rng);
    }
}
