package org.jdive.gan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jdive.core.data.ArrayDataset;
import org.junit.jupiter.api.Test;

class ArcadeFramesTest {

    @Test
    void breakoutFramesBecomeImagesInTheGeneratorsRange() {
        ArrayDataset frames = ArcadeFrames.capture("MinAtar/Breakout-v1", 6, 3, 32, 7);
        assertEquals(6, frames.size());
        assertArrayEquals(new int[] {3, 32, 32}, frames.featureShape());
        float[][] x = new float[6][3 * 32 * 32];
        for (int i = 0; i < 6; i++) {
            frames.copyFeatures(i, x[i], 0);
            for (float v : x[i]) {
                assertTrue(v >= -1f && v <= 1f);
            }
        }
        assertFalse(Arrays.equals(x[0], x[5]), "the game moves between captured frames");
        ArrayDataset again = ArcadeFrames.capture("MinAtar/Breakout-v1", 6, 3, 32, 7);
        float[] y = new float[3 * 32 * 32];
        again.copyFeatures(5, y, 0);
        assertArrayEquals(x[5], y, "the same seed gives the same frames");
    }
}
