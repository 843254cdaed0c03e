package org.jdive.envs.spaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.envs.Rng;
import org.junit.jupiter.api.Test;

class SpacesTest {

    @Test
    void discreteContainsItsIntegersOnly() {
        Discrete d = new Discrete(4);
        assertTrue(d.contains(0) && d.contains(3));
        assertFalse(d.contains(4) || d.contains(-1));
        assertTrue(d.contains(new float[] {2}));
        assertFalse(d.contains(new float[] {2.5f}));
        assertFalse(d.contains(new float[] {1, 2}));
        assertEquals(1, d.size());
        assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
    }

    @Test
    void discreteSamplesAreSeededAndCoverTheSpace() {
        Discrete d = new Discrete(5);
        int[] counts = new int[5];
        var rng = Rng.seeded(1);
        var again = Rng.seeded(1);
        for (int i = 0; i < 5000; i++) {
            int a = d.sampleAction(rng);
            assertEquals(a, d.sampleAction(again));
            counts[a]++;
        }
        for (int c : counts) {
            assertEquals(1000, c, 100);
        }
    }

    @Test
    void boxContainsWithinItsBoundsAndSamplesInside() {
        Box box = new Box(new float[] {-1, 0, Float.NEGATIVE_INFINITY, 2}, new float[] {1, Float.POSITIVE_INFINITY,
                Float.POSITIVE_INFINITY, 3}, 2, 2);
        assertArrayEquals(new int[] {2, 2}, box.shape());
        assertTrue(box.contains(new float[] {0, 100, -1e30f, 2}));
        assertFalse(box.contains(new float[] {0, -1, 0, 2}));
        assertFalse(box.contains(new float[] {Float.NaN, 0, 0, 2}));
        assertFalse(box.contains(new float[] {0, 0, 0}));
        var rng = Rng.seeded(2);
        for (int i = 0; i < 1000; i++) {
            assertTrue(box.contains(box.sample(rng)));
        }
        assertArrayEquals(box.sample(Rng.seeded(3)), box.sample(Rng.seeded(3)));
        assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {1}, new float[] {0}, 1));
        assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {0}, new float[] {1}, 2));
    }

    @Test
    void multiBinaryHoldsZerosAndOnes() {
        MultiBinary space = new MultiBinary(10, 10, 4);
        assertEquals(400, space.size());
        float[] x = space.sample(Rng.seeded(4));
        assertTrue(space.contains(x));
        x[7] = 0.5f;
        assertFalse(space.contains(x));
        assertFalse(space.contains(new float[3]));
    }
}
