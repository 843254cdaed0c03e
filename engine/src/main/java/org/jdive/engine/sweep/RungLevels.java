package org.jdive.engine.sweep;

import java.util.ArrayList;
import java.util.List;

/** The budgets of successive halving's rungs (D2L 19.4): {@code r_min·η^k} below {@code r_max}, then {@code r_max}. */
final class RungLevels {

    private RungLevels() {
    }

    static List<Long> of(long min, long max, int eta) {
        List<Long> levels = new ArrayList<>();
        for (long r = min; r < max; r = Math.multiplyExact(r, eta)) {
            levels.add(r);
            if (r > Long.MAX_VALUE / eta) {
                break;
            }
        }
        levels.add(max);
        return List.copyOf(levels);
    }
}
