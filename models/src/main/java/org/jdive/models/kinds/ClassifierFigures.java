package org.jdive.models.kinds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.data.Dataset;
import org.jdive.core.io.TempFiles;
import org.jdive.engine.chart.HeatMapChart;
import org.jdive.engine.chart.ImageGrid;
import org.jdive.engine.train.Reporter;
import org.jdive.models.classify.ConfusionMatrix;

/**
 * What {@code jdive eval} and {@code jdive sample} show of a trained classifier: the confusion matrix as text, CSV and a
 * heat map, and D2L's figure of test images captioned with their true and predicted classes.
 */
final class ClassifierFigures {

    /** Images per row of the prediction grids. */
    private static final int GRID_COLUMNS = 9;
    /** How many times their size the grids draw the images (28 pixels: 84). */
    private static final int GRID_SCALE = 3;

    private ClassifierFigures() {
    }

    /** Writes {@code matrix} as {@code confusion.csv} and {@code confusion.png} under {@code folder}; its text is the table. */
    static Reporter.Report confusion(ConfusionMatrix matrix, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path csv = folder.resolve("confusion.csv");
        writeAtomically(csv, matrix.csv());
        Path png = folder.resolve("confusion.png");
        new HeatMapChart(String.format(Locale.ROOT, "confusion matrix, %,d test images, accuracy %.4f", matrix.total(),
                matrix.accuracy()), "predicted", "true").rows(matrix.classes()).columns(matrix.classes())
                .values(matrix.asDoubles()).writePng(png, 760, 680);
        String text = String.format(Locale.ROOT, "confusion matrix of the %,d test images (rows: true class, "
                + "columns: predicted):%n", matrix.total()) + matrix.table();
        return new Reporter.Report(text, List.of(csv, png));
    }

    /**
     * D2L's figure of predictions ({@code predict_ch3}): {@code count} images of {@code test} drawn at random with
     * {@code seed}, each captioned with its true class above its {@code predicted} one, wrong ones marked in red
     * ({@code predictions.png}); and, as the book's 1.0 edition shows, the first {@code count} of the same draw that
     * are predicted wrong ({@code mistakes.png}, left out when none is). {@code predictions.csv} lists both grids'
     * images by their index in {@code test}. Returns the files written.
     */
    static List<Path> predictions(Dataset test, int[] predicted, List<String> classes, int count, long seed, Path folder)
            throws IOException {
        int[] shape = test.featureShape();
        int n = Math.min(count, test.size());
        ImageGrid shown = new ImageGrid(shape[0], shape[1], shape[2], GRID_SCALE, GRID_COLUMNS);
        ImageGrid wrong = new ImageGrid(shape[0], shape[1], shape[2], GRID_SCALE, GRID_COLUMNS);
        StringBuilder csv = new StringBuilder("grid,index,true,predicted\n");
        float[] pixels = new float[shape[0] * shape[1] * shape[2]];
        float[] target = new float[1];
        int shownCount = 0;
        int wrongCount = 0;
        for (int i : shuffled(test.size(), Rng.split(seed, "sample"))) {
            if (shownCount == n && wrongCount == n) {
                break;
            }
            test.copyTarget(i, target, 0);
            int truth = (int) target[0];
            boolean right = predicted[i] == truth;
            if (shownCount == n && right) {
                continue;
            }
            test.copyFeatures(i, pixels, 0);
            List<String> caption = List.of(classes.get(truth), classes.get(predicted[i]));
            String row = "," + i + "," + classes.get(truth) + "," + classes.get(predicted[i]) + "\n";
            if (shownCount < n) {
                shown.add(pixels, caption, !right);
                csv.append("predictions").append(row);
                shownCount++;
            }
            if (!right && wrongCount < n) {
                wrong.add(pixels, caption, true);
                csv.append("mistakes").append(row);
                wrongCount++;
            }
        }
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        files.add(folder.resolve("predictions.png"));
        shown.writePng(files.getLast());
        if (wrongCount > 0) {
            files.add(folder.resolve("mistakes.png"));
            wrong.writePng(files.getLast());
        }
        files.add(folder.resolve("predictions.csv"));
        writeAtomically(files.getLast(), csv.toString());
        return files;
    }

    /** The numbers {@code 0 … n − 1} in an order drawn from {@code rng} (Fisher–Yates). */
    private static int[] shuffled(int n, UniformRandomProvider rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = TempFiles.besides(file);
        try {
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
