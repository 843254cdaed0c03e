package org.jdive.agents.tabular;

/** Small helpers on value and Q tables. */
public final class Tables {

    private Tables() {
    }

    /** The first action with the largest value, as NumPy's {@code argmax}. */
    public static int argmax(double[] row) {
        int best = 0;
        for (int a = 1; a < row.length; a++) {
            if (row[a] > row[best]) {
                best = a;
            }
        }
        return best;
    }

    /** {@code max_a q[s][a]} for every state. */
    public static double[] maxValues(double[][] q) {
        double[] v = new double[q.length];
        for (int s = 0; s < q.length; s++) {
            v[s] = q[s][argmax(q[s])];
        }
        return v;
    }

    /** {@code argmax_a q[s][a]} for every state. */
    public static int[] greedyPolicy(double[][] q) {
        int[] policy = new int[q.length];
        for (int s = 0; s < q.length; s++) {
            policy[s] = argmax(q[s]);
        }
        return policy;
    }

    static double[][] copy(double[][] table) {
        double[][] out = new double[table.length][];
        for (int s = 0; s < table.length; s++) {
            out[s] = table[s].clone();
        }
        return out;
    }
}
