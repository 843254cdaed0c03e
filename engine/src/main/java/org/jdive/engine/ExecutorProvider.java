package org.jdive.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes an {@link Executor} known by name ({@code local}, {@code spark}) through {@link ServiceLoader}, so that a
 * module that brings one (the spark module, with Spark's jars) registers it without the command or the engine
 * knowing it.
 */
public interface ExecutorProvider {

    /** The name commands take ({@code --executor spark}). */
    String name();

    /**
     * Creates the executor. {@code slots} is how many pieces of work may run at once (0: as many as it has cores);
     * {@code options} are the executor's own ({@code master} for Spark).
     *
     * @throws IllegalArgumentException for an option it does not know or a bad value
     */
    Executor create(int slots, Map<String, String> options);

    /** The executor named {@code name}, created with {@code slots} and {@code options}. */
    static Executor create(String name, int slots, Map<String, String> options) {
        List<String> names = new ArrayList<>();
        for (ExecutorProvider p : ServiceLoader.load(ExecutorProvider.class, ExecutorProvider.class.getClassLoader())) {
            if (p.name().equals(name)) {
                return p.create(slots, options);
            }
            names.add(p.name());
        }
        throw new IllegalArgumentException("unknown executor '" + name + "'; known here: " + names
                + (name.equals("spark") ? " (the spark executor needs the spark module on the class path: "
                + "the launcher adds it for --executor spark)" : ""));
    }

    /** Runs work side by side in this JVM. */
    final class Local implements ExecutorProvider {
        /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
        public Local() {
        }

        @Override
        public String name() {
            return "local";
        }

        @Override
        public Executor create(int slots, Map<String, String> options) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("the local executor takes no options, got " + options.keySet());
            }
            return new LocalExecutor(slots > 0 ? slots : Runtime.getRuntime().availableProcessors());
        }
    }
}
