package org.jdive.engine.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;

/** Random search (D2L 19.2): each configuration drawn independently from the space, from one seeded stream. */
final class RandomSearcher implements Searcher {

    private final Map<String, Domain> space;
    private final UniformRandomProvider rng;

    RandomSearcher(Map<String, Domain> space, long seed) {
        this.space = space;
        this.rng = Rng.split(seed, "sweep/random-search");
    }

    @Override
    public Map<String, String> sampleConfiguration() {
        Map<String, String> config = new LinkedHashMap<>();
        space.forEach((key, domain) -> config.put(key, domain.sample(rng)));
        return config;
    }
}
