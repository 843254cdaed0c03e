package org.jdive.models.regress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.core.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The book's regression data: shapes, the generators' statistics, and airfoil read as D2L's get_data_ch11 reads it. */
class RegressionDataTest {

    static final Path AIRFOIL = Path.of("..", "data", "airfoil", Airfoil.FILE);

    @TempDir
    Path dir;

    /** Example i's features and target, as doubles. */
    private static double[][] rows(Dataset data) {
        int d = data.featureShape()[0];
        double[][] rows = new double[data.size()][d + 1];
        float[] x = new float[d];
        float[] y = new float[1];
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, x, 0);
            data.copyTarget(i, y, 0);
            for (int j = 0; j < d; j++) {
                rows[i][j] = x[j];
            }
            rows[i][d] = y[0];
        }
        return rows;
    }

    /** Mean and population std of the residuals y − X·w − b. */
    private static double[] residuals(RegressionData data, Dataset split) {
        double[][] rows = rows(split);
        int d = data.weight().length;
        double sum = 0;
        double sq = 0;
        for (double[] r : rows) {
            double e = r[d] - data.bias();
            for (int j = 0; j < d; j++) {
                e -= r[j] * data.weight()[j];
            }
            sum += e;
            sq += e * e;
        }
        double mean = sum / rows.length;
        return new double[] {mean, Math.sqrt(sq / rows.length - mean * mean)};
    }

    @Test
    void syntheticDataIsTheBooksLinearFunctionPlusNoiseOfOneHundredth() {
        RegressionData data = RegressionData.synthetic(0);
        assertEquals(1000, data.train().size());
        assertEquals(1000, data.validation().size());
        assertArrayEquals(new int[] {2}, data.train().featureShape());
        assertArrayEquals(new int[] {1}, data.train().targetShape());
        assertArrayEquals(new float[] {2f, -3.4f}, data.weight());
        assertEquals(4.2f, data.bias());

        double[][] x = rows(data.train());
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (double[] r : x) {
                mean += r[j];
                sq += r[j] * r[j];
            }
            mean /= x.length;
            double var = sq / x.length - mean * mean;
            assertEquals(0, mean, 0.1, "feature " + j + " ~ N(0, 1): mean within 3 standard errors");
            assertEquals(1, var, 0.15, "feature " + j + " ~ N(0, 1): variance");
        }
        for (Dataset split : new Dataset[] {data.train(), data.validation()}) {
            double[] noise = residuals(data, split);
            assertEquals(0, noise[0], 0.001, "noise mean");
            assertEquals(0.01, noise[1], 0.001, "noise σ 0.01");
        }
        double[][] again = rows(RegressionData.synthetic(0).train());
        assertArrayEquals(x[999], again[999], "the same seed draws the same data");
        assertFalse(java.util.Arrays.equals(x[0], rows(RegressionData.synthetic(1).train())[0]), "another seed, other data");
    }

    @Test
    void theWeightDecayDataHasTwoHundredFeaturesAndTwentyTrainingExamples() {
        RegressionData data = RegressionData.highDimensional(0);
        assertEquals(20, data.train().size());
        assertEquals(100, data.validation().size());
        assertEquals(200, data.features());
        for (float w : data.weight()) {
            assertEquals(0.01f, w);
        }
        assertEquals(0.05f, data.bias());
        double[] noise = residuals(data, data.validation());
        assertEquals(0.01, noise[1], 0.002, "noise σ 0.01 over 100 examples");
    }

    @Test
    void airfoilIsReadAsTheBooksGetDataCh11() throws IOException {
        RegressionData data = RegressionData.airfoil(AIRFOIL);
        assertNull(data.validation(), "chapter 12 studies the training loss alone");
        assertFalse(data.synthetic());
        assertEquals(Airfoil.ROWS, data.train().size());
        assertArrayEquals(new int[] {5}, data.train().featureShape());
        double[][] rows = rows(data.train());
        // standardised over all 1,503 rows, then the first 1,500 kept: means near 0, stds near 1 over those
        for (int c = 0; c < 6; c++) {
            double mean = 0;
            double sq = 0;
            for (double[] r : rows) {
                mean += r[c];
                sq += r[c] * r[c];
            }
            mean /= rows.length;
            double std = Math.sqrt(sq / rows.length - mean * mean);
            assertEquals(0, mean, 0.01, "column " + c + " mean");
            assertEquals(1, std, 0.01, "column " + c + " std");
        }
        // numpy: (data - data.mean(axis=0)) / data.std(axis=0) of np.genfromtxt(..., dtype=np.float32), rows 0 and 1499;
        // numpy works in float32 there, jdive in double, so they agree to about 10⁻⁵
        assertArrayEquals(new double[] {-0.6620218, -1.1463989, 1.7992973, 1.312917, -0.6448043, 0.1979401}, rows[0], 1e-4);
        assertArrayEquals(new double[] {0.0836481, 1.490445, -0.3737349, -0.7233613, 3.1727688, -2.2594426}, rows[1499], 1e-4);
        // the least-squares fit of a linear model, the floor of chapter 12's curves (numpy's lstsq: 0.2416880)
        assertEquals(0.2416880, leastSquaresLoss(rows), 2e-6);
    }

    /** The half mean squared error of the best linear fit with a bias, from the normal equations. */
    static double leastSquaresLoss(double[][] rows) {
        int d = rows[0].length - 1;
        int k = d + 1;
        double[][] a = new double[k][k + 1];
        for (double[] r : rows) {
            double[] z = new double[k];
            System.arraycopy(r, 0, z, 0, d);
            z[d] = 1;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    a[i][j] += z[i] * z[j];
                }
                a[i][k] += z[i] * r[d];
            }
        }
        for (int p = 0; p < k; p++) { // Gauss–Jordan on a symmetric positive definite system
            for (int i = 0; i < k; i++) {
                if (i != p) {
                    double f = a[i][p] / a[p][p];
                    for (int j = p; j <= k; j++) {
                        a[i][j] -= f * a[p][j];
                    }
                }
            }
        }
        double loss = 0;
        for (double[] r : rows) {
            double e = a[d][k] / a[d][d] - r[d];
            for (int j = 0; j < d; j++) {
                e += r[j] * a[j][k] / a[j][j];
            }
            loss += e * e;
        }
        return loss / rows.length / 2;
    }

    @Test
    void aMalformedAirfoilFileIsNamedWithItsLine() throws IOException {
        Path file = dir.resolve(Airfoil.FILE);
        Files.writeString(file, "800\t0\t0.3048\t71.3\t0.00266337\t126.201\r\n1000\t0\tx\t71.3\t0.00266337\t125.201\r\n");
        IOException e = assertThrows(IOException.class, () -> Airfoil.load(file));
        assertTrue(e.getMessage().contains(file + ":2") && e.getMessage().contains("'x'"), e.getMessage());
        Files.writeString(file, "800\t0\t0.3048\t71.3\t0.00266337\r\n");
        e = assertThrows(IOException.class, () -> Airfoil.load(file));
        assertTrue(e.getMessage().contains(file + ":1") && e.getMessage().contains("6 numbers"), e.getMessage());
        Files.writeString(file, "800\t0\t0.3048\t71.3\t0.00266337\t126.201\r\n");
        e = assertThrows(IOException.class, () -> Airfoil.load(file));
        assertTrue(e.getMessage().contains("1 rows"), e.getMessage());
    }
}
