package org.jdive.gan.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class ModeCoverageTest {

    private static final GaussianMixture RING = GaussianMixture.ring8();     // radius 2, sigma 0.02
    private static final GaussianMixture GRID = GaussianMixture.grid25();    // {-4..4 step 2}², sigma 0.05

    /** {@code perMode} points at each mode, shifted by {@code offset} along x. */
    private static float[] atModes(GaussianMixture mix, int perMode, float offset) {
        float[] p = new float[2 * perMode * mix.modes()];
        int i = 0;
        for (int k = 0; k < mix.modes(); k++) {
            for (int r = 0; r < perMode; r++) {
                p[i++] = mix.means()[k][0] + offset;
                p[i++] = mix.means()[k][1];
            }
        }
        return p;
    }

    @Test
    void theBenchmarksHaveTheirPublishedModes() {
        assertEquals(8, RING.modes());
        assertArrayEquals(new float[] {2f, 0f}, RING.mean(0), 1e-6f);
        assertArrayEquals(new float[] {0f, 2f}, RING.mean(2), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.sqrt(2), (float) -Math.sqrt(2)}, RING.mean(7), 1e-6f);
        assertEquals(25, GRID.modes());
        assertArrayEquals(new float[] {-4f, -4f}, GRID.mean(0), 0f);
        assertArrayEquals(new float[] {0f, 2f}, GRID.mean(13), 0f);
        assertArrayEquals(new float[] {4f, 4f}, GRID.mean(24), 0f);
        assertEquals(0.05f, GRID.sigma());
    }

    @Test
    void samplesOnEveryModeCaptureEveryMode() {
        ModeCoverage ring = ModeCoverage.of(RING, atModes(RING, 3, 0.05f));    // 2.5σ off: still high quality
        assertEquals(8, ring.modesCaptured());
        assertEquals(24, ring.highQuality());
        assertEquals(1.0, ring.highQualityFraction());
        ModeCoverage grid = ModeCoverage.of(GRID, atModes(GRID, 1, 0f));
        assertEquals(25, grid.modesCaptured());
        assertEquals(25, grid.highQuality());
    }

    @Test
    void aCollapsedGeneratorCapturesOneMode() {
        float[] p = new float[2 * 2500];
        for (int i = 0; i < 2500; i++) {
            p[2 * i] = RING.means()[3][0] + 0.01f;
            p[2 * i + 1] = RING.means()[3][1];
        }
        ModeCoverage c = ModeCoverage.of(RING, p);
        assertEquals(1, c.modesCaptured());
        assertEquals(2500, c.highQuality());
        assertEquals(2500, c.perMode()[3]);
    }

    @Test
    void samplesBetweenModesAreNotHighQualityAndCaptureNothing() {
        float[] origin = new float[2 * 100];                                     // 2 from every ring mode = 100σ
        ModeCoverage c = ModeCoverage.of(RING, origin);
        assertEquals(0, c.highQuality());
        assertEquals(0, c.modesCaptured());
        ModeCoverage justOutside = ModeCoverage.of(RING, atModes(RING, 1, 3.1f * 0.02f));
        assertEquals(0, justOutside.modesCaptured(), "3.1σ from the mode is not high quality");
    }

    @Test
    void onlyHighQualitySamplesCountTowardsCapturedModes() {
        float[] p = new float[2 * 15];
        for (int i = 0; i < 10; i++) {                                            // 10 on mode 0
            p[2 * i] = 2f;
        }
        for (int i = 10; i < 15; i++) {                                           // 5 at 3.5σ from mode 2 (0, 2)
            p[2 * i] = 0f;
            p[2 * i + 1] = 2f + 3.5f * 0.02f;
        }
        ModeCoverage c = ModeCoverage.of(RING, p);
        assertEquals(1, c.modesCaptured());
        assertEquals(10, c.highQuality());
        assertEquals(10.0 / 15, c.highQualityFraction(), 1e-12);
    }

    /** A 2-D Gaussian sample lies within 3σ of its mean with probability 1 - e^{-9/2} ≈ 0.98889. */
    @Test
    void theMixtureItselfScoresAsTheRayleighLawSays() {
        for (GaussianMixture mix : new GaussianMixture[] {RING, GRID}) {
            ModeCoverage c = ModeCoverage.of(mix, mix.sample(ModeCoverage.STANDARD_SAMPLES, Rng.seeded(5)));
            assertEquals(mix.modes(), c.modesCaptured());
            double p = 1 - Math.exp(-4.5);
            double sd = Math.sqrt(p * (1 - p) / c.samples());
            assertEquals(p, c.highQualityFraction(), 4 * sd, mix.toString());
        }
    }

    @Test
    void badInputIsRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.of(RING, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.ring(8, 2f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixture(new float[][] {{1f, 2f, 3f}}, 0.1f));
    }
}
