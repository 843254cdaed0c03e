package org.jdive.core.optim;

import java.util.Arrays;

/**
 * A learning rate as a function of the update (or epoch) count {@code t}, counted from 0; the schedules of
 * D2L 12.11 with PyTorch's rules. Apply one with {@code schedule.applyTo(optimizer, t)} before step {@code t}.
 */
@FunctionalInterface
public interface LrSchedule {

    /** The learning rate at step {@code t >= 0}. */
    float lr(int t);

    /** Sets {@code optimizer}'s learning rate to {@code lr(t)}. */
    default void applyTo(Optimizer optimizer, int t) {
        optimizer.setLr(lr(t));
    }

    /** {@code lr} at every step. */
    static LrSchedule constant(float lr) {
        return t -> lr;
    }

    /**
     * {@code max(min, base·factor^t)}: D2L 12.11's {@code FactorScheduler}, {@code η ← max(η_min, η·α)} once per step.
     * The book's stateful scheduler returns the rate after its update, {@code max(min, base·factor^(t+1))} at its call
     * {@code t}, and its training loop sets that after epoch {@code t}: so epoch {@code e} trains at {@code lr(e)} here.
     */
    static LrSchedule factor(float base, float factor, float min) {
        if (!(factor > 0 && factor <= 1) || !(min >= 0)) {
            throw new IllegalArgumentException("factor schedule: need 0 < factor <= 1 and a floor >= 0, got " + factor
                    + " and " + min);
        }
        return t -> (float) Math.max(min, base * Math.pow(factor, t));
    }

    /** {@code base·gamma^floor(t / period)}, as PyTorch's {@code StepLR}. */
    static LrSchedule step(float base, int period, float gamma) {
        if (period <= 0) {
            throw new IllegalArgumentException("step schedule: period must be positive, got " + period);
        }
        return t -> (float) (base * Math.pow(gamma, Math.floorDiv(t, period)));
    }

    /**
     * {@code base·gamma^k} where {@code k} is the number of milestones {@code <= t}, as PyTorch's
     * {@code MultiStepLR} and D2L's {@code MultiFactorScheduler}. Milestones must increase.
     */
    static LrSchedule multiFactor(float base, int[] milestones, float gamma) {
        int[] m = milestones.clone();
        for (int i = 1; i < m.length; i++) {
            if (m[i] <= m[i - 1]) {
                throw new IllegalArgumentException("multi-factor schedule: milestones must increase, got " + Arrays.toString(m));
            }
        }
        return t -> {
            int passed = 0;
            while (passed < m.length && m[passed] <= t) {
                passed++;
            }
            return (float) (base * Math.pow(gamma, passed));
        };
    }

    /**
     * D2L's {@code CosineScheduler}: a linear warm-up from {@code warmupStart} to {@code base} over
     * {@code warmupSteps}, then a half cosine from {@code base} down to {@code last} at {@code maxSteps},
     * constant after.
     */
    static LrSchedule cosine(float base, float last, int maxSteps, int warmupSteps, float warmupStart) {
        if (warmupSteps < 0 || maxSteps <= warmupSteps) {
            throw new IllegalArgumentException("cosine schedule: need 0 <= warm-up steps < max steps, got "
                    + warmupSteps + " and " + maxSteps);
        }
        return t -> {
            if (t < warmupSteps) {
                return warmupStart + (base - warmupStart) * t / warmupSteps;
            }
            if (t >= maxSteps) {
                return last;
            }
            double progress = (double) (t - warmupSteps) / (maxSteps - warmupSteps);
            return (float) (last + (base - last) * (1 + Math.cos(Math.PI * progress)) / 2);
        };
    }

    /** A straight line from {@code start} at {@code t = 0} to {@code end} at {@code t = steps}, constant after. */
    static LrSchedule linear(float start, float end, int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("linear schedule: steps must be positive, got " + steps);
        }
        return t -> t >= steps ? end : start + (end - start) * t / steps;
    }
}
