package org.jdive.spark;

import java.util.Map;
import java.util.Set;
import org.jdive.engine.Executor;
import org.jdive.engine.ExecutorProvider;

/**
 * {@code --executor spark}: {@link SparkExecutor}, with the options {@code master} (default {@code local[*]}) and
 * {@code store} (where tasks keep run folders, {@link RunStore#parse}; default {@code shared}).
 */
public final class SparkExecutorProvider implements ExecutorProvider {

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public SparkExecutorProvider() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Executor create(int slots, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!Set.of("master", "store").contains(key)) {
                throw new IllegalArgumentException("the spark executor's options are [master, store], got '" + key + "'");
            }
        }
        return new SparkExecutor(options.getOrDefault("master", "local[*]"), slots,
                RunStore.parse(options.getOrDefault("store", "shared")));
    }
}
