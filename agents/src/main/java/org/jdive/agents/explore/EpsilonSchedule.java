package org.jdive.agents.explore;

/**
 * The exploration rate ε as a function of a count (environment steps for DQN, episodes for tabular
 * learners; the agent's documentation says which). Schedules are immutable and cheap to query.
 */
@FunctionalInterface
public interface EpsilonSchedule {

    /** ε after {@code t} steps or episodes, in [0, 1]. */
    double epsilon(long t);

    /** The same ε throughout, as D2L's Q-learning. */
    static EpsilonSchedule constant(double epsilon) {
        checkRate("epsilon", epsilon);
        return t -> epsilon;
    }

    /**
     * From {@code start} to {@code end} in a straight line over {@code duration} counts, then {@code end}:
     * DQN's schedule (Mnih et al. 2015: 1 → 0.1 over 1M frames; SB3's {@code exploration_fraction}).
     */
    static EpsilonSchedule linear(double start, double end, long duration) {
        checkRate("start", start);
        checkRate("end", end);
        if (duration < 1) {
            throw new IllegalArgumentException("the duration of a linear epsilon schedule must be >= 1, got " + duration);
        }
        return t -> t >= duration ? end : start + (end - start) * ((double) Math.max(t, 0) / duration);
    }

    /** {@code max(end, start · decay^t)}: the geometric decay common in tabular tutorials. */
    static EpsilonSchedule exponential(double start, double end, double decay) {
        checkRate("start", start);
        checkRate("end", end);
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("the decay of an exponential epsilon schedule must lie in (0, 1], got "
                    + decay);
        }
        return t -> Math.max(end, start * Math.pow(decay, Math.max(t, 0)));
    }

    private static void checkRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("epsilon " + name + " must lie in [0, 1], got " + value);
        }
    }
}
