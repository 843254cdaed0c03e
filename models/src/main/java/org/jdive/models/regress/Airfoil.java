package org.jdive.models.regress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdive.core.data.ArrayDataset;

/**
 * NASA's airfoil self-noise measurements as D2L's {@code get_data_ch11} reads them for chapter 12: the file's 1,503
 * rows of six tab-separated numbers, every column standardised over all rows ({@code (x − mean) / std}, numpy's
 * population standard deviation), then the first {@value #ROWS} rows; the first five columns are the features, the
 * last (the scaled sound pressure level) the target, standardised as well.
 */
public final class Airfoil {

    /** The file's name, as D2L downloads it. */
    public static final String FILE = "airfoil_self_noise.dat";
    /** The rows D2L trains on. */
    public static final int ROWS = 1500;
    /** Features per row: frequency, angle of attack, chord length, free-stream velocity, displacement thickness. */
    public static final int FEATURES = 5;
    private static final int COLUMNS = FEATURES + 1;

    private Airfoil() {
    }

    /** Whether {@code folder} holds the data file. */
    public static boolean isIn(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE));
    }

    /** How to get the file, for messages. */
    public static String howToGet() {
        return "jdive ships it as data/airfoil/" + FILE + "; or download it from the UCI Machine Learning Repository "
                + "(airfoil self-noise, CC BY 4.0) or D2L's copy (http://d2l-data.s3-accelerate.amazonaws.com/" + FILE
                + ") into a folder named airfoil under $JDIVE_DATA, or set data.path";
    }

    /** Reads and standardises {@code file}: {@value #ROWS} examples of {@value #FEATURES} features and a target of shape [1]. */
    public static ArrayDataset load(Path file) throws IOException {
        double[][] table = read(file);
        int n = table.length;
        if (n < ROWS) {
            throw new IOException(file + " has " + n + " rows; D2L's airfoil data has 1503 and trains on the first " + ROWS);
        }
        for (int c = 0; c < COLUMNS; c++) {
            double mean = 0;
            for (double[] row : table) {
                mean += row[c];
            }
            mean /= n;
            double variance = 0;
            for (double[] row : table) {
                variance += (row[c] - mean) * (row[c] - mean);
            }
            double std = Math.sqrt(variance / n);
            if (!(std > 0)) {
                throw new IOException(file + ": column " + (c + 1) + " is constant and cannot be standardised");
            }
            for (double[] row : table) {
                row[c] = (row[c] - mean) / std;
            }
        }
        float[] features = new float[ROWS * FEATURES];
        float[] targets = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < FEATURES; c++) {
                features[i * FEATURES + c] = (float) table[i][c];
            }
            targets[i] = (float) table[i][FEATURES];
        }
        return new ArrayDataset(features, new int[] {FEATURES}, targets, new int[] {1});
    }

    private static double[][] read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\\s+");
            if (cells.length != COLUMNS) {
                throw new IOException(file + ":" + (l + 1) + ": expected " + COLUMNS + " numbers separated by tabs, got "
                        + cells.length);
            }
            double[] row = new double[COLUMNS];
            for (int c = 0; c < COLUMNS; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + (l + 1) + ": '" + cells[c] + "' is not a number", e);
                }
            }
            rows.add(row);
        }
        return rows.toArray(double[][]::new);
    }
}
