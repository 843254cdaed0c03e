package org.jdive.agents.tabular;

import java.util.function.Consumer;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;

/**
 * Value iteration as tensor math on the core, so that it runs on every backend: one sweep is
 * {@code Q = R + W·V}, {@code V' = max_a Q}, where {@code R[s, a] = Σ p·r} is the expected reward and
 * {@code W} holds {@code γ·p} for every outcome that does not terminate. {@code W·V} is either
 * <ul>
 *   <li>{@link Form#DENSE}: a matrix-vector product with {@code W} as an {@code (S·A) × S} matrix, for small
 *       MDPs; or</li>
 *   <li>{@link Form#SPARSE}: {@code V} gathered at the {@code K} possible next states of every
 *       {@code (s, a)}, weighted and summed over {@code K}; memory {@code O(S·A·K)}, for large MDPs.</li>
 * </ul>
 * Both equal {@link ValueIteration} up to float32 rounding. The model tensors live until {@link #close()}.
 */
public final class TensorValueIteration implements AutoCloseable {

    /** How the expected next-state value is computed. */
    public enum Form {
        /** A matrix-vector product with {@code W} as an {@code (S·A) × S} matrix, for small MDPs. */
        DENSE,
        /** {@code V} gathered at the possible next states of every {@code (s, a)}, for large MDPs. */
        SPARSE;

        /** Dense while its matrix stays under 16M entries (64 MiB), sparse beyond. */
        public static Form auto(Mdp mdp) {
            return (long) mdp.numStates() * mdp.numActions() * mdp.numStates() <= (1L << 24) ? DENSE : SPARSE;
        }
    }

    private final int numStates;
    private final int numActions;
    private final int outcomes;
    private final Form form;
    private final Tensor expectedReward;
    private final Tensor weights;
    private final Tensor nextStates;

    /**
     * Uploads {@code mdp}'s model to {@code backend} in {@code form}.
     *
     * @param gamma the discount, in [0, 1]
     */
    public TensorValueIteration(Mdp mdp, double gamma, Form form, Backend backend) {
        Planning.checkGamma(gamma);
        this.numStates = mdp.numStates();
        this.numActions = mdp.numActions();
        this.form = form;
        int pairs = numStates * numActions;
        float[] r = new float[pairs];
        for (int s = 0; s < numStates; s++) {
            for (int a = 0; a < numActions; a++) {
                double sum = 0;
                for (int j = mdp.firstOutcome(s, a); j < mdp.endOutcome(s, a); j++) {
                    sum += mdp.probability(j) * mdp.reward(j);
                }
                r[s * numActions + a] = (float) sum;
            }
        }
        this.expectedReward = Tensor.of(backend, r, numStates, numActions).keep();
        if (form == Form.DENSE) {
            this.outcomes = numStates;
            float[] w = new float[pairs * numStates];
            forEachOutcome(mdp, gamma, (pair, k, next, weight) -> w[pair * numStates + next] += weight);
            this.weights = Tensor.of(backend, w, pairs, numStates).keep();
            this.nextStates = null;
        } else {
            this.outcomes = mdp.maxOutcomes();
            float[] w = new float[pairs * outcomes];
            float[] index = new float[pairs * outcomes];
            forEachOutcome(mdp, gamma, (pair, k, next, weight) -> {
                w[pair * outcomes + k] = weight;
                index[pair * outcomes + k] = next;
            });
            this.weights = Tensor.of(backend, w, pairs * outcomes).keep();
            this.nextStates = Tensor.of(backend, index, pairs * outcomes).keep();
        }
    }

    /** Chooses the form with {@link Form#auto}. */
    public TensorValueIteration(Mdp mdp, double gamma, Backend backend) {
        this(mdp, gamma, Form.auto(mdp), backend);
    }

    private interface OutcomeVisitor {
        void visit(int pair, int k, int next, float weight);
    }

    private static void forEachOutcome(Mdp mdp, double gamma, OutcomeVisitor visitor) {
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int a = 0; a < mdp.numActions(); a++) {
                int start = mdp.firstOutcome(s, a);
                for (int j = start; j < mdp.endOutcome(s, a); j++) {
                    float weight = mdp.terminated(j) ? 0f : (float) (gamma * mdp.probability(j));
                    visitor.visit(s * mdp.numActions() + a, j - start, mdp.nextState(j), weight);
                }
            }
        }
    }

    /** How this instance computes the expected next-state value. */
    public Form form() {
        return form;
    }

    /** The Q table {@code [S, A]} backed up from the values {@code [S]}. */
    public Tensor q(Tensor values) {
        Tensor next = form == Form.DENSE
                ? weights.matmul(values.reshape(numStates, 1))
                : values.gather(0, nextStates).mul(weights).reshape(numStates * numActions, outcomes).sum(1, false);
        return expectedReward.add(next.reshape(numStates, numActions));
    }

    /** One sweep: the values {@code max_a Q} backed up from {@code values}. */
    public Tensor sweep(Tensor values) {
        return q(values).max(1, false);
    }

    /**
     * Runs until the values change by less than {@code tolerance} or {@code maxSweeps} sweeps are done;
     * {@code listener} gets the tables of every sweep (downloading them from the backend), or is null.
     */
    public TabularSnapshot run(int maxSweeps, double tolerance, Consumer<TabularSnapshot> listener) {
        Planning.checkSweeps(maxSweeps, tolerance);
        try (NoGrad ignored = NoGrad.open()) {
            Tensor values = Tensor.zeros(expectedReward.backend(), numStates).keep();
            Tensor q = null;
            int sweep = 0;
            double change = Double.POSITIVE_INFINITY;
            while (sweep < maxSweeps && change >= tolerance) {
                Tensor nextQ;
                Tensor nextValues;
                try (Scope scope = Scope.open()) {
                    nextQ = q(values).keep();
                    nextValues = nextQ.max(1, false).keep();
                    change = nextValues.sub(values).abs().max(0, false).item();
                }
                values.close();
                if (q != null) {
                    q.close();
                }
                values = nextValues;
                q = nextQ;
                sweep++;
                if (listener != null) {
                    listener.accept(snapshot(sweep, q, values));
                }
            }
            TabularSnapshot result = snapshot(sweep, q, values);
            values.close();
            q.close();
            return result;
        }
    }

    private TabularSnapshot snapshot(int sweep, Tensor q, Tensor values) {
        float[] flatQ = q.toFloatArray();
        double[][] table = new double[numStates][numActions];
        for (int s = 0; s < numStates; s++) {
            for (int a = 0; a < numActions; a++) {
                table[s][a] = flatQ[s * numActions + a];
            }
        }
        float[] v = values.toFloatArray();
        double[] dv = new double[numStates];
        for (int s = 0; s < numStates; s++) {
            dv[s] = v[s];
        }
        return new TabularSnapshot(sweep, table, dv, Tables.greedyPolicy(table));
    }

    @Override
    public void close() {
        expectedReward.close();
        weights.close();
        if (nextStates != null) {
            nextStates.close();
        }
    }
}
