package org.jdive.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Creation, shapes, values and text of tensors. */
class TensorTest {

    @Test
    void createsFromArraysAndFactories() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertEquals(6, t.size());
        assertArrayEquals(new float[] {0, 0, 0}, Tensor.zeros(3).toFloatArray());
        assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toFloatArray());
        assertArrayEquals(new float[] {7, 7}, Tensor.full(7, 1, 2).toFloatArray());
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toFloatArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, Tensor.arange(1, 3, 0.5f).toFloatArray());
        assertEquals(3.5f, Tensor.scalar(3.5f).item());
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.of(new float[][] {{1, 2}, {3, 4}}).toFloatArray());
    }

    @Test
    void rejectsDataThatDoesNotFitTheShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void seededRandomTensorsRepeat() {
        float[] a = Tensor.randn(Rng.seeded(7), 1000).toFloatArray();
        float[] b = Tensor.randn(Rng.seeded(7), 1000).toFloatArray();
        float[] c = Tensor.randn(Rng.seeded(8), 1000).toFloatArray();
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
        double mean = 0;
        double var = 0;
        for (float v : a) {
            mean += v / 1000.0;
        }
        for (float v : a) {
            var += (v - mean) * (v - mean) / 1000.0;
        }
        assertEquals(0, mean, 0.1);
        assertEquals(1, var, 0.15);
        for (float v : Tensor.rand(Rng.seeded(1), 500).toFloatArray()) {
            assertTrue(v >= 0 && v < 1);
        }
        assertNotEquals(Rng.split(1, "init").nextLong(), Rng.split(1, "env").nextLong());
    }

    @Test
    void broadcastsLikeNumpy() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, a.add(Tensor.of(new float[] {10, 20, 30}, 3)).toFloatArray());
        assertArrayEquals(new float[] {2, 3, 4, 6, 7, 8}, a.add(Tensor.of(new float[] {1, 2}, 2, 1)).toFloatArray());
        Tensor outer = Tensor.of(new float[] {1, 2}, 2, 1).mul(Tensor.of(new float[] {1, 10, 100}, 1, 3));
        assertArrayEquals(new float[] {1, 10, 100, 2, 20, 200}, outer.toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void reshapesPermutesSlicesAndJoins() {
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new int[] {6, 4}, a.reshape(-1, 4).shape());
        assertArrayEquals(new int[] {4, 2, 3}, a.permute(2, 0, 1).shape());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9}, a.permute(2, 0, 1).slice(0, 0, 2).select(1, 0).toFloatArray());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, Tensor.arange(6).reshape(2, 3).t().toFloatArray());
        assertArrayEquals(new float[] {16, 17, 18, 19, 20, 21, 22, 23}, a.slice(1, 1, 3).select(0, 1).toFloatArray());
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor y = Tensor.of(new float[] {3, 4, 5, 6}, 2, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, Tensor.concat(0, x, y).toFloatArray());
        assertArrayEquals(new int[] {2, 1, 2}, Tensor.stack(0, x, x).shape());
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2}, x.broadcastTo(3, 2).toFloatArray());
        assertThrows(IllegalArgumentException.class, () -> a.reshape(5, -1));
        assertThrows(IllegalArgumentException.class, () -> a.slice(1, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> a.permute(0, 0, 1));
    }

    @Test
    void reducesAlongAxes() {
        Tensor a = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21f, a.sum().item());
        assertArrayEquals(new float[] {5, 7, 9}, a.sum(0, false).toFloatArray());
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertArrayEquals(new float[] {5, 6}, a.max(1, false).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, a.min(1, false).toFloatArray());
        assertArrayEquals(new float[] {1, 2}, a.argmax(1, false).toFloatArray());
        assertEquals(3.5f, a.mean().item(), 1e-6);
        float[] soft = a.softmax(1).toFloatArray();
        assertEquals(1.0, soft[0] + soft[1] + soft[2], 1e-6);
        float[] logSoft = Tensor.of(new float[] {1000, 0}, 1, 2).logSoftmax(1).toFloatArray();
        assertEquals(0f, logSoft[0], 1e-6);
        assertEquals(-1000f, logSoft[1], 1e-3);
    }

    @Test
    void multipliesMatrices() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).toFloatArray());
        assertArrayEquals(new int[] {4, 2, 2}, a.broadcastTo(4, 2, 3).matmul(b).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> a.matmul(a));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void gathersAndScatters() {
        Tensor q = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor actions = Tensor.of(new float[] {2, 0}, 2, 1);
        assertArrayEquals(new float[] {3, 4}, q.gather(1, actions).toFloatArray());
        Tensor table = Tensor.arange(6).reshape(3, 2);
        assertArrayEquals(new float[] {4, 5, 0, 1, 4, 5}, table.gather(0, Tensor.of(new float[] {2, 0, 2}, 3)).toFloatArray());
        assertArrayEquals(new float[] {1, 2, 13, 14, 5, 6},
                q.scatterAdd(1, Tensor.of(new float[] {2, 0}, 2, 1), Tensor.of(new float[] {10, 10}, 2, 1))
                        .toFloatArray(), 1e-6f);
        assertThrows(IndexOutOfBoundsException.class, () -> q.gather(1, Tensor.of(new float[] {3, 0}, 2, 1)));
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2])", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString());
        assertEquals("tensor([0.5000, -1.2500], shape=[2])", Tensor.of(new float[] {0.5f, -1.25f}, 2).toString());
        String big = Tensor.arange(5000).toString();
        assertTrue(big.startsWith("tensor([0., 1., 2., ..., 4997., 4998., 4999.]"), big);
    }
}
