package org.jdive.bench.peer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/**
 * D2L 20.2's DCGAN as DJL users write it: {@link SequentialBlock}s of {@link Conv2d}, {@link BatchNorm} and
 * activation blocks, one {@link Trainer} with Adam per network, {@link GradientCollector}s and DJL's sigmoid
 * binary cross-entropy. The generator's transposed convolutions are {@link DjlTransposedConv2d}, since DJL's
 * PyTorch engine has no {@code Conv2dTranspose}.
 */
final class DjlDcgan implements AutoCloseable {

    private final Trainer trainerG;
    private final Trainer trainerD;
    private final Loss bce = Loss.sigmoidBinaryCrossEntropyLoss();
    private final NDArray ones;
    private final NDArray zeros;

    DjlDcgan(ai.djl.ndarray.NDManager manager, int batch) {
        SequentialBlock g = new SequentialBlock();
        int[] gc = {JdiveDcgan.LATENT, 512, 256, 128, 64};
        for (int i = 0; i < 4; i++) {
            g.add(new DjlTransposedConv2d(gc[i], gc[i + 1], i == 0 ? 1 : 2, i == 0 ? 0 : 1))
                    .add(BatchNorm.builder().build()).add(Activation.reluBlock());
        }
        g.add(new DjlTransposedConv2d(64, 3, 2, 1)).add(Activation.tanhBlock());
        SequentialBlock d = new SequentialBlock();
        for (int filters : new int[] {64, 128, 256, 512}) {
            d.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2))
                            .optPadding(new Shape(1, 1)).setFilters(filters).optBias(false).build())
                    .add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(0.2f));
        }
        d.add(Conv2d.builder().setKernelShape(new Shape(4, 4)).setFilters(1).optBias(false).build());
        trainerG = DjlApi.trainer("dcgan-g", g, 0.005f, 0.5f, bce, new Shape(batch, JdiveDcgan.LATENT, 1, 1));
        trainerD = DjlApi.trainer("dcgan-d", d, 0.005f, 0.5f, bce, new Shape(batch, 3, 64, 64));
        ones = manager.ones(new Shape(batch, 1, 1, 1));
        zeros = manager.zeros(new Shape(batch, 1, 1, 1));
    }

    /** D2L's {@code update_D} then {@code update_G}; returns the generator's loss. */
    NDArray step(NDArray real, NDArray z) {
        try (GradientCollector collector = trainerD.newGradientCollector()) {
            NDArray realY = trainerD.forward(new NDList(real)).singletonOrThrow();
            NDArray fakeX = trainerG.forward(new NDList(z)).singletonOrThrow().stopGradient();
            NDArray fakeY = trainerD.forward(new NDList(fakeX)).singletonOrThrow();
            NDArray lossD = bce.evaluate(new NDList(ones), new NDList(realY))
                    .add(bce.evaluate(new NDList(zeros), new NDList(fakeY))).div(2f);
            collector.backward(lossD);
        }
        trainerD.step();
        NDArray lossG;
        try (GradientCollector collector = trainerG.newGradientCollector()) {
            NDArray fakeY = trainerD.forward(new NDList(trainerG.forward(new NDList(z)).singletonOrThrow()))
                    .singletonOrThrow();
            lossG = bce.evaluate(new NDList(ones), new NDList(fakeY));
            collector.backward(lossG);
        }
        trainerG.step();
        return lossG;
    }

    @Override
    public void close() {
        for (Trainer t : new Trainer[] {trainerG, trainerD}) {
            t.close();
            t.getModel().close();
        }
    }
}
