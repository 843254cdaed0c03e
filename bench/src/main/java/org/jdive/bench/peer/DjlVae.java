package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import org.jdive.gan.vae.VaeConfig;

/**
 * jdive's {@link org.jdive.gan.vae.Vae} as a DJL user writes it: the encoder and decoder as
 * {@link SequentialBlock}s (two stride-2 4×4 convolutions with ReLU and a linear layer; a linear layer and two
 * stride-2 transposed convolutions, {@link DjlTransposedConv2d} since DJL's PyTorch engine has none), the
 * reparameterised sample and the negative ELBO (Bernoulli cross-entropy on the logits summed over pixels plus the
 * closed-form KL, per image) in NDArray operations, Adam through a {@link Trainer}.
 */
final class DjlVae implements AutoCloseable {

    private final Trainer trainer;
    private final int latent;

    DjlVae(VaeConfig config, int batch, float lr) {
        latent = config.latentDim();
        int w = config.width();
        int inner = config.imageSize() / 4;
        SequentialBlock encoder = new SequentialBlock()
                .add(conv(w)).add(Activation.reluBlock()).add(conv(2 * w)).add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(2L * latent).build());
        SequentialBlock decoder = new SequentialBlock()
                .add(Linear.builder().setUnits(2L * w * inner * inner).build()).add(Activation.reluBlock())
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, 2L * w, inner, inner)))
                .add(new DjlTransposedConv2d(2 * w, w, 2, 1, true)).add(Activation.reluBlock())
                .add(new DjlTransposedConv2d(w, config.channels(), 2, 1, true));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build();
        trainer = DjlApi.trainer("vae", new Both(encoder, decoder, latent), adam, Loss.l2Loss(),
                new Shape(batch, config.channels(), config.imageSize(), config.imageSize()), new Shape(batch, latent));
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }

    /** One Adam step on the negative ELBO of images {@code x} in [-1, 1] with noise {@code eps}; returns the loss. */
    NDArray step(NDArray x, NDArray eps) {
        NDArray loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(x, eps));
            NDArray logits = out.get(0);
            NDArray mu = out.get(1);
            NDArray logVar = out.get(2);
            NDArray target = x.add(1f).mul(0.5f);
            long n = x.getShape().get(0);
            // binary cross-entropy with logits, stably: max(l, 0) - l·t + log(1 + e^-|l|)
            NDArray bce = logits.maximum(0f).sub(logits.mul(target)).add(logits.abs().neg().exp().add(1f).log()).sum();
            NDArray kl = logVar.add(1f).sub(mu.mul(mu)).sub(logVar.exp()).sum().mul(-0.5f);
            loss = bce.add(kl).div(n);
            collector.backward(loss);
        }
        trainer.step();
        return loss;
    }

    @Override
    public void close() {
        trainer.close();
        trainer.getModel().close();
    }

    /** The encoder, the reparameterised sample and the decoder: inputs (x, ε), outputs (logits, μ, log σ²). */
    private static final class Both extends AbstractBlock {

        private final SequentialBlock encoder;
        private final SequentialBlock decoder;
        private final int latent;

        Both(SequentialBlock encoder, SequentialBlock decoder, int latent) {
            this.encoder = addChildBlock("encoder", encoder);
            this.decoder = addChildBlock("decoder", decoder);
            this.latent = latent;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                         PairList<String, Object> params) {
            NDArray h = encoder.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
            NDArray mu = h.get(new NDIndex(":, :{}", latent));
            NDArray logVar = h.get(new NDIndex(":, {}:", latent));
            NDArray z = mu.add(logVar.mul(0.5f).exp().mul(inputs.get(1)));
            NDArray logits = decoder.forward(store, new NDList(z), training).singletonOrThrow();
            return new NDList(logits, mu, logVar);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            encoder.initialize(manager, dataType, inputShapes[0]);
            decoder.initialize(manager, dataType, inputShapes[1]);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape z = inputs[1];
            return new Shape[] {inputs[0], z, z};
        }
    }
}
