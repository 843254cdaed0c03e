package org.jdive.bench.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** The peer's transposed convolution must compute what PyTorch's ConvTranspose2d does: jdive's CPU backend's. */
class DjlTransposedConv2dTest {

    @Test
    void matchesTheCpuBackendsTransposedConvolution() {
        int[][] geometries = {{5, 3, 2, 1, 6, 7}, {3, 4, 1, 0, 1, 1}, {2, 2, 1, 2, 3, 3}}; // in, out, stride, pad, h, w
        try (NDManager manager = DjlApi.manager()) {
            for (int[] g : geometries) {
                DjlTransposedConv2d block = new DjlTransposedConv2d(g[0], g[1], g[2], g[3]);
                Shape inShape = new Shape(2, g[0], g[4], g[5]);
                block.initialize(manager, DataType.FLOAT32, inShape);
                NDArray w = block.getParameters().get("weight").getArray();
                float[] x = DjlApi.randn(Rng.seeded(g[0] * 31L + g[2]), 1f, inShape.size());
                NDArray y = block.forward(new ParameterStore(manager, false), new NDList(manager.create(x, inShape)), false)
                        .singletonOrThrow();
                try (Tensor tx = Tensor.of(Backends.cpu(), x, 2, g[0], g[4], g[5]);
                     Tensor tw = Tensor.of(Backends.cpu(), w.toFloatArray(), g[0], g[1], 4, 4);
                     Tensor expected = tx.convTranspose2d(tw, g[2], g[3], 0)) {
                    assertArrayEquals(expected.shape(), java.util.Arrays.stream(y.getShape().getShape()).mapToInt(d -> (int) d).toArray());
                    assertEquals(expected.shape()[2], block.getOutputShapes(new Shape[] {inShape})[0].get(2));
                    float[] want = expected.toFloatArray();
                    float[] got = y.toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), "element " + i + " of " + java.util.Arrays.toString(g));
                    }
                }
            }
        }
    }

    @Test
    void refusesGeometriesItDoesNotImplement() {
        assertThrows(IllegalArgumentException.class, () -> new DjlTransposedConv2d(2, 2, 3, 1));
    }
}
