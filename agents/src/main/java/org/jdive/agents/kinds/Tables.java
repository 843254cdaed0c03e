package org.jdive.agents.kinds;

/** Q tables as flat arrays for checkpoints. */
final class Tables {

    private Tables() {
    }

    static double[] flatten(double[][] table) {
        int cols = table[0].length;
        double[] flat = new double[table.length * cols];
        for (int r = 0; r < table.length; r++) {
            System.arraycopy(table[r], 0, flat, r * cols, cols);
        }
        return flat;
    }

    static double[][] unflatten(double[] flat, int rows) {
        if (flat.length % rows != 0) {
            throw new IllegalStateException("a table of " + flat.length + " entries cannot have " + rows + " rows");
        }
        int cols = flat.length / rows;
        double[][] table = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, table[r], 0, cols);
        }
        return table;
    }
}
