package org.jdive.engine.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grid search: every combination of each domain's grid points (a choice's values; {@code points} values spread over
 * a range, log-spaced for log domains), the last key varying fastest.
 */
final class GridSearcher implements Searcher {

    private final List<String> keys;
    private final List<List<String>> axes = new ArrayList<>();
    private final int size;
    private int next;

    GridSearcher(Map<String, Domain> space, int points) {
        this.keys = List.copyOf(space.keySet());
        space.values().forEach(d -> axes.add(d.grid(points)));
        this.size = Sweep.gridSize(space, points);
    }

    @Override
    public Map<String, String> sampleConfiguration() {
        if (next >= size) {
            return null;
        }
        Map<String, String> config = new LinkedHashMap<>();
        int rest = next++;
        String[] values = new String[keys.size()];
        for (int i = keys.size() - 1; i >= 0; i--) {
            List<String> axis = axes.get(i);
            values[i] = axis.get(rest % axis.size());
            rest /= axis.size();
        }
        for (int i = 0; i < keys.size(); i++) {
            config.put(keys.get(i), values[i]);
        }
        return config;
    }
}
