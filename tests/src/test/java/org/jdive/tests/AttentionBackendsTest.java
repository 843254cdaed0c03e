package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.attention.TransformerDecoder;
import org.jdive.core.nn.attention.TransformerDecoderState;
import org.jdive.core.nn.attention.TransformerEncoder;
import org.jdive.core.nn.attention.Vit;
import org.jdive.core.optim.Adam;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * D2L chapter 11's Transformer and ViT train on every backend as on the CPU backend: a few Adam steps (dropout on,
 * its masks drawn on the host from the same seed) give the CPU backend's losses, then its outputs and attention
 * weights, within float32 tolerance.
 */
class AttentionBackendsTest {

    private static final int STEPS = 3;

    /** A small encoder–decoder on {@code backend}: each step's loss, then the logits and both attention weights. */
    private static List<float[]> transformer(Backend backend) {
        Backend before = Backends.getDefault();
        Backends.setDefault(backend);
        UniformRandomProvider rng = Rng.seeded(11);
        List<float[]> out = new ArrayList<>();
        try (Scope scope = Scope.open();
             TransformerEncoder encoder = new TransformerEncoder(12, 8, 16, 2, 2, 0.1f, rng);
             TransformerDecoder decoder = new TransformerDecoder(10, 8, 16, 2, 2, 0.1f, rng)) {
            Tensor src = ids(rng, 12, 4, 6);
            Tensor srcLens = Tensor.of(new float[] {6, 3, 4, 1}, 4);
            Tensor tgt = ids(rng, 10, 4, 5);
            Tensor labels = ids(rng, 10, 4, 5).reshape(20);
            Adam adam = null;
            for (int step = 0; step <= STEPS; step++) {
                try (Scope s = Scope.open()) {
                    TransformerDecoderState state = decoder.initState(encoder.forward(src, srcLens), srcLens);
                    Tensor logits = decoder.forward(tgt, state);
                    Tensor loss = Losses.crossEntropy(logits.reshape(20, 10), labels);
                    if (step == STEPS) {
                        out.add(logits.toFloatArray());
                        out.add(encoder.attentionWeights().get(1).toFloatArray());
                        out.add(decoder.encoderDecoderAttentionWeights().get(0).toFloatArray());
                        break;
                    }
                    if (adam == null) {
                        List<Tensor> params = new ArrayList<>(encoder.parameters());
                        params.addAll(decoder.parameters());
                        adam = new Adam(params, 0.01f);
                    }
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                    out.add(new float[] {loss.item()});
                }
            }
            adam.close();
        } finally {
            Backends.setDefault(before);
        }
        return out;
    }

    /** A small ViT on {@code backend}: each step's loss, then its logits. */
    private static List<float[]> vit(Backend backend) {
        Backend before = Backends.getDefault();
        Backends.setDefault(backend);
        UniformRandomProvider rng = Rng.seeded(12);
        List<float[]> out = new ArrayList<>();
        try (Scope scope = Scope.open(); Vit vit = new Vit(8, 4, 8, 16, 2, 2, 0.1f, 0.1f, false, 3, rng)) {
            Tensor images = Tensor.of(backend, Tensor.randn(rng, 6, 1, 8, 8).toFloatArray(), 6, 1, 8, 8);
            Tensor labels = ids(rng, 3, 6, 1).reshape(6);
            vit.forward(images);
            try (Adam adam = new Adam(vit.parameters(), 0.01f)) {
                for (int step = 0; step < STEPS; step++) {
                    try (Scope s = Scope.open()) {
                        adam.zeroGrad();
                        Tensor loss = Losses.crossEntropy(vit.forward(images), labels);
                        loss.backward();
                        adam.step();
                        out.add(new float[] {loss.item()});
                    }
                }
            }
            vit.eval();
            out.add(vit.forward(images).toFloatArray());
        } finally {
            Backends.setDefault(before);
        }
        return out;
    }

    private static Tensor ids(UniformRandomProvider rng, int vocab, int batch, int steps) {
        float[] v = new float[batch * steps];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(vocab);
        }
        return Tensor.of(v, batch, steps);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opencl", "djl"})
    void transformerStepsMatchTheCpuBackend(String name) {
        Backend backend = Available.backend(name);
        assertAllClose(name + " Transformer", transformer(Backends.cpu()), transformer(backend));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"opencl", "djl"})
    void vitStepsMatchTheCpuBackend(String name) {
        Backend backend = Available.backend(name);
        assertAllClose(name + " ViT", vit(Backends.cpu()), vit(backend));
    }

    private static void assertAllClose(String what, List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            float[] e = expected.get(k);
            float[] a = actual.get(k);
            assertEquals(e.length, a.length, what + " output " + k);
            for (int i = 0; i < e.length; i++) {
                if (!(Math.abs(a[i] - e[i]) <= 1e-3f * Math.max(1f, Math.abs(e[i])))) {
                    fail(what + " output " + k + " element " + i + " is " + a[i] + ", the CPU backend's " + e[i]);
                }
            }
        }
    }
}
