package org.jdive.core.nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.GradCheck;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.loss.Losses;
import org.jdive.core.optim.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** D2L 11.8: the vision Transformer's patch embedding, block and whole model. */
class VitTest {

    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void patchEmbeddingCutsTheBooksImagesIntoThirtySixPatches() {
        // img_size, patch_size, num_hiddens, batch_size = 96, 16, 512, 4
        try (PatchEmbedding patches = new PatchEmbedding(96, 16, 512, Rng.seeded(1))) {
            assertEquals(36, patches.numPatches());
            assertArrayEquals(new int[] {4, 36, 512}, patches.forward(Tensor.zeros(4, 3, 96, 96)).shape());
        }
    }

    @Test
    void patchEmbeddingIsOneLinearMapPerPatchInRowMajorOrder() {
        UniformRandomProvider rng = Rng.seeded(2);
        try (PatchEmbedding patches = new PatchEmbedding(4, 2, 3, rng)) {
            Tensor images = Tensor.randn(rng, 1, 2, 4, 4);
            float[] out = patches.forward(images).toFloatArray();
            float[] w = patches.namedParameters().get("conv.weight").toFloatArray();  // [3, 2, 2, 2]
            float[] b = patches.namedParameters().get("conv.bias").toFloatArray();
            float[] x = images.toFloatArray();
            for (int p = 0; p < 4; p++) {
                int top = (p / 2) * 2;
                int left = (p % 2) * 2;
                for (int o = 0; o < 3; o++) {
                    double s = b[o];
                    for (int c = 0; c < 2; c++) {
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 2; j++) {
                                s += w[((o * 2 + c) * 2 + i) * 2 + j] * x[(c * 4 + top + i) * 4 + left + j];
                            }
                        }
                    }
                    assertEquals(s, out[p * 3 + o], 1e-5, "patch " + p + " feature " + o);
                }
            }
        }
    }

    @Test
    void vitBlockKeepsTheBooksShapeAndItsGradientsMatchFiniteDifferences() {
        UniformRandomProvider rng = Rng.seeded(3);
        try (VitBlock block = new VitBlock(24, 24, 48, 8, 0.5f, false, rng);
             VitBlock small = new VitBlock(4, 4, 6, 2, 0f, false, rng)) {
            block.eval();
            assertArrayEquals(new int[] {2, 100, 24}, block.forward(Tensor.ones(2, 100, 24)).shape());
            GradCheck.check("ViT block", in -> small.forward(in[0]), GradCheck.uniform(rng, -1f, 1f, 2, 3, 4));
        }
    }

    @Test
    void vitClassifiesFromTheClsTokenWithPyTorchsParameterNames() {
        UniformRandomProvider rng = Rng.seeded(4);
        try (Vit vit = new Vit(8, 4, 8, 16, 2, 2, 0.1f, 0.1f, false, 3, rng)) {
            vit.eval();
            Tensor images = Tensor.randn(rng, 2, 1, 8, 8);
            assertArrayEquals(new int[] {2, 3}, vit.forward(images).shape());
            List<String> names = List.copyOf(vit.stateDict().keySet());
            assertEquals(List.of("cls_token", "pos_embedding", "patch_embedding.conv.weight",
                    "patch_embedding.conv.bias", "blks.0.ln1.weight", "blks.0.ln1.bias",
                    "blks.0.attention.W_q.weight"), names.subList(0, 7));
            assertEquals(List.of("head.0.weight", "head.0.bias", "head.1.weight", "head.1.bias"),
                    names.subList(names.size() - 4, names.size()));
            assertArrayEquals(new int[] {1, 5, 8}, vit.stateDict().get("pos_embedding").shape());
            GradCheck.check("ViT", in -> vit.forward(in[0]), GradCheck.uniform(rng, -1f, 1f, 1, 1, 8, 8));
            var e = assertThrows(IllegalArgumentException.class, () -> vit.forward(Tensor.zeros(2, 1, 9, 9)));
            assertTrue(e.getMessage().contains("[batch, channels, 8, 8]"), e.getMessage());
        }
    }

    /** Bright top half or bright bottom half: the cls token must gather from the patches to tell them apart. */
    @Test
    void vitLearnsWhichHalfOfTheImageIsBright() {
        UniformRandomProvider rng = Rng.seeded(5);
        int n = 32;
        float[] pixels = new float[n * 64];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 64; p++) {
                boolean top = p < 32;
                pixels[i * 64 + p] = (top == (i % 2 == 0) ? 1f : 0f) + 0.3f * (rng.nextFloat() - 0.5f);
            }
        }
        Tensor images = Tensor.of(pixels, n, 1, 8, 8);
        Tensor classes = Tensor.of(labels, n);
        try (Vit vit = new Vit(8, 4, 16, 32, 2, 1, 0f, 0f, false, 2, rng)) {
            vit.forward(images);
            try (Adam adam = new Adam(vit.parameters(), 0.01f)) {
                for (int step = 0; step < 30; step++) {
                    try (Scope s = Scope.open()) {
                        adam.zeroGrad();
                        Losses.crossEntropy(vit.forward(images), classes).backward();
                        adam.step();
                    }
                }
            }
            vit.eval();
            float[] predicted = vit.forward(images).argmax(1, false).toFloatArray();
            assertArrayEquals(labels, predicted);
        }
    }
}
