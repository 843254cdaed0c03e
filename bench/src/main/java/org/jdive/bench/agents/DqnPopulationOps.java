package org.jdive.bench.agents;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
import org.jdive.agents.dqn.DqnPopulation;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.envs.vector.VectorEnv;

/**
 * Counts the backend calls (kernel launches on a device backend) per environment step of a single CartPole DQN and of
 * a population of 8 in lockstep, through a counting proxy around the CPU backend, for {@link DqnPopulationBenchmark}'s
 * two set-ups. Run it from the bench jar: {@code java -cp bench/target/benchmarks.jar
 * org.jdive.bench.agents.DqnPopulationOps}.
 */
public final class DqnPopulationOps {

    /** Calls that launch nothing: bookkeeping and allocation. */
    private static final Set<String> NOT_LAUNCHES = Set.of("name", "description", "liveBuffers", "allocate",
            "allocateForOutput", "toString", "hashCode", "equals");
    private static final int MEMBERS = 8;
    private static final int STEPS = 2_048;

    private DqnPopulationOps() {
    }

    public static void main(String[] args) {
        Map<String, Long> counts = new TreeMap<>();
        Backend cpu = Backends.get("cpu");
        Backend counting = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, arguments) -> {
                    if (!NOT_LAUNCHES.contains(method.getName())) {
                        counts.merge(method.getName(), 1L, Long::sum);
                    }
                    try {
                        return method.invoke(cpu, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Backends.setDefault(counting);
        System.out.println("setup    run            calls/env-step  matmul/env-step  uploads+downloads/env-step");
        for (String setup : List.of("cleanrl", "zoo")) {
            DqnConfig config = DqnPopulationBenchmark.config(setup);
            VectorEnv env = DqnPopulationBenchmark.cartPole();
            try (Dqn single = new Dqn(env, config, 1)) {
                single.train(1_000);
                counts.clear();
                single.train(STEPS);
                print(setup, "single", counts, STEPS);
            } finally {
                env.close();
            }
            List<VectorEnv> envs = new ArrayList<>();
            long[] seeds = new long[MEMBERS];
            for (int i = 0; i < MEMBERS; i++) {
                envs.add(DqnPopulationBenchmark.cartPole());
                seeds[i] = i + 1;
            }
            try (DqnPopulation population = new DqnPopulation(envs, config, seeds)) {
                population.train(1_000);
                counts.clear();
                population.train(STEPS);
                print(setup, "population-8", counts, (long) MEMBERS * STEPS);
            } finally {
                envs.forEach(VectorEnv::close);
            }
        }
    }

    private static void print(String setup, String run, Map<String, Long> counts, long envSteps) {
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        long transfers = counts.getOrDefault("upload", 0L) + counts.getOrDefault("download", 0L);
        System.out.printf("%-8s %-14s %14.2f %16.3f %27.2f%n", setup, run, (double) all / envSteps,
                (double) counts.getOrDefault("matmul", 0L) / envSteps, (double) transfers / envSteps);
    }
}
