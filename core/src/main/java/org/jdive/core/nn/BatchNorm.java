package org.jdive.core.nn;

import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/**
 * Batch normalisation over axis 1 (features or channels), as PyTorch's: in training mode the batch's mean and
 * biased variance over every other axis normalise the input, and the running statistics move towards them
 * ({@code running = (1 - momentum)·running + momentum·batch}, with the unbiased variance); in evaluation mode
 * the running statistics normalise. A learnable scale {@code weight} (1) and shift {@code bias} (0) follow.
 * Buffers: {@code running_mean} (0), {@code running_var} (1) and {@code num_batches_tracked} (a float here, an
 * integer in PyTorch, whose {@code load_state_dict} converts it), so that a checkpoint loads strictly into the
 * same PyTorch network.
 */
public abstract sealed class BatchNorm extends Module permits BatchNorm1d, BatchNorm2d {

    private final int[] allowedRanks;
    private final float eps;
    private final float momentum;
    private int features;
    private Tensor weight;
    private Tensor bias;
    private Tensor runningMean;
    private Tensor runningVar;
    private Tensor batchesTracked;

    BatchNorm(int features, float eps, float momentum, int... allowedRanks) {
        if (features <= 0 && features != WeightedLayer.LAZY) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": features must be positive, got " + features);
        }
        if (!(momentum >= 0f && momentum <= 1f) || !(eps > 0f)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": momentum must be in [0, 1] and eps > 0, got "
                    + momentum + " and " + eps);
        }
        this.allowedRanks = allowedRanks;
        this.eps = eps;
        this.momentum = momentum;
        if (features != WeightedLayer.LAZY) {
            create(Backends.getDefault(), features);
        }
    }

    private void create(Backend backend, int n) {
        features = n;
        try (Scope persistent = Scope.none()) {
            weight = registerParameter("weight", Tensor.full(backend, 1f, n));
            bias = registerParameter("bias", Tensor.zeros(backend, n));
            runningMean = registerBuffer("running_mean", Tensor.zeros(backend, n));
            runningVar = registerBuffer("running_var", Tensor.full(backend, 1f, n));
            batchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(backend));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        checkRank(x);
        if (weight == null) {
            create(x.backend(), x.shape(1));
        } else if (x.shape(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has " + features
                    + " features, got input of shape " + shapeStr(x.shape()));
        }
        int[] statShape = new int[x.rank()];
        java.util.Arrays.fill(statShape, 1);
        statShape[1] = features;
        Tensor centred;
        Tensor var;
        if (isTraining()) {
            int[] axes = reducedAxes(x.rank());
            int count = x.size() / features;
            if (count < 2) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " needs more than one value per "
                        + "feature in training mode, got input of shape " + shapeStr(x.shape()));
            }
            Tensor mean = x.sum(axes, true).div(count);
            centred = x.sub(mean);
            var = centred.square().sum(axes, true).div(count);
            try (NoGrad off = NoGrad.open()) {
                updateRunning(runningMean, mean.reshape(features), 1f);
                updateRunning(runningVar, var.reshape(features), count / (count - 1f));
                batchesTracked.copyFromInPlace(batchesTracked.add(1f));
            }
        } else {
            centred = x.sub(runningMean.reshape(statShape));
            var = runningVar.reshape(statShape);
        }
        // The per-feature scale γ/√(σ²+ε) is formed first: the full-size input then meets two ops rather than
        // three, forward and backward.
        return centred.mul(weight.reshape(statShape).div(var.add(eps).sqrt())).add(bias.reshape(statShape));
    }

    private void updateRunning(Tensor running, Tensor batch, float correction) {
        running.copyFromInPlace(running.mul(1f - momentum).add(batch.mul(momentum * correction)));
    }

    private void checkRank(Tensor x) {
        for (int r : allowedRanks) {
            if (x.rank() == r) {
                return;
            }
        }
        throw new IllegalArgumentException(getClass().getSimpleName() + " needs an input of rank "
                + java.util.Arrays.toString(allowedRanks) + " with features on axis 1, got shape " + shapeStr(x.shape()));
    }

    private static int[] reducedAxes(int rank) {
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int d = 2; d < rank; d++) {
            axes[d - 1] = d;
        }
        return axes;
    }

    @Override
    public boolean isInitialized() {
        return weight != null;
    }

    @Override
    protected String extraRepr() {
        return (features == WeightedLayer.LAZY ? "lazy" : Integer.toString(features)) + ", eps=" + eps
                + ", momentum=" + momentum;
    }
}
