package org.jdive.bench.peer;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;

/**
 * D2L 20.2's DCGAN on 64×64 RGB images, written with jdive's tensor ops: a generator of four transposed
 * convolution blocks (batch norm, ReLU) from a 100-d noise to 512·4·4 → 64·32·32, then a transposed convolution
 * to 3 channels and tanh; a discriminator of four convolution blocks (batch norm, leaky ReLU 0.2) then a 4×4
 * convolution to one logit. Kernels 4, no biases, Adam with lr 0.005 and β1 0.5, as in the book.
 */
final class JdiveDcgan {

    static final int LATENT = 100;
    private static final int[] G_CHANNELS = {LATENT, 512, 256, 128, 64, 3};
    private static final int[] D_CHANNELS = {3, 64, 128, 256, 512, 1};

    private final List<Tensor> gWeights = new ArrayList<>();
    private final List<Tensor[]> gNorms = new ArrayList<>();
    private final List<Tensor> dWeights = new ArrayList<>();
    private final List<Tensor[]> dNorms = new ArrayList<>();
    private final FusedAdam adamG;
    private final FusedAdam adamD;
    private final Tensor ones;
    private final Tensor zeros;

    JdiveDcgan(Backend be, UniformRandomProvider rng, int batch) {
        List<Tensor> gParams = new ArrayList<>();
        List<Tensor> dParams = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int in = G_CHANNELS[i];
            int out = G_CHANNELS[i + 1];
            gWeights.add(JdiveModels.randn(be, rng, 0.02f, in, out, 4, 4).requiresGrad(true));
            in = D_CHANNELS[i];
            out = D_CHANNELS[i + 1];
            dWeights.add(JdiveModels.randn(be, rng, 0.02f, out, in, 4, 4).requiresGrad(true));
            if (i < 4) {
                gNorms.add(norm(be, G_CHANNELS[i + 1]));
                dNorms.add(norm(be, D_CHANNELS[i + 1]));
            }
        }
        gParams.addAll(gWeights);
        dParams.addAll(dWeights);
        gNorms.forEach(n -> gParams.addAll(List.of(n[0], n[1])));
        dNorms.forEach(n -> dParams.addAll(List.of(n[0], n[1])));
        adamG = new FusedAdam(gParams, 0.005f, 0.5f, 0.999f);
        adamD = new FusedAdam(dParams, 0.005f, 0.5f, 0.999f);
        ones = Tensor.full(be, 1f, batch, 1, 1, 1);
        zeros = Tensor.zeros(be, batch, 1, 1, 1);
    }

    /** γ = 1, β = 0 (learned) and running mean 0, variance 1 (tracked) for {@code channels}. */
    private static Tensor[] norm(Backend be, int channels) {
        return new Tensor[] {
            Tensor.full(be, 1f, 1, channels, 1, 1).requiresGrad(true), Tensor.zeros(be, 1, channels, 1, 1).requiresGrad(true),
            Tensor.zeros(be, channels), Tensor.full(be, 1f, channels)};
    }

    Tensor generate(Tensor z) {
        Tensor x = z;
        for (int i = 0; i < 4; i++) {
            Tensor[] n = gNorms.get(i);
            x = JdiveModels.batchNorm(x.convTranspose2d(gWeights.get(i), i == 0 ? 1 : 2, i == 0 ? 0 : 1, 0),
                    n[0], n[1], n[2], n[3]).relu();
        }
        return x.convTranspose2d(gWeights.get(4), 2, 1, 0).tanh();
    }

    Tensor discriminate(Tensor x) {
        Tensor h = x;
        for (int i = 0; i < 4; i++) {
            Tensor[] n = dNorms.get(i);
            h = JdiveModels.batchNorm(h.conv2d(dWeights.get(i), 2, 1), n[0], n[1], n[2], n[3]).leakyRelu(0.2f);
        }
        return h.conv2d(dWeights.get(4), 1, 0);
    }

    /** D2L's {@code update_D} then {@code update_G}; returns the generator's loss. Call inside a scope. */
    Tensor step(Tensor real, Tensor z) {
        adamD.zeroGrad();
        Tensor realY = discriminate(real);
        Tensor fakeY = discriminate(generate(z).detach());
        Tensor lossD = JdiveModels.bceWithLogits(realY, ones).add(JdiveModels.bceWithLogits(fakeY, zeros)).div(2f);
        lossD.backward();
        adamD.step();

        adamG.zeroGrad();
        Tensor lossG = JdiveModels.bceWithLogits(discriminate(generate(z)), ones);
        lossG.backward();
        adamG.step();
        return lossG;
    }
}
