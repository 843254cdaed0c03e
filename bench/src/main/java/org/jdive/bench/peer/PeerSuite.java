package org.jdive.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the peer benchmarks on every implementation available here ({@code cpu}, {@code opencl} when its
 * backend loads, {@code djl}, and DJL's own API) in one run, then prints one row per workload with the time
 * of each and its speed relative to DJL ({@code ×} > 1: faster than DJL).
 *
 * <p>Arguments are JMH's: a regex narrows the run to the peer benchmarks it matches ({@code Sgemm}),
 * {@code -p batch=16} overrides a parameter, {@code -wi/-i} change iterations. Without a regex every
 * {@code *PeerBenchmark} runs.
 */
public final class PeerSuite {

    private static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    private PeerSuite() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        List<String> filters = new CommandLineOptions(args).getIncludes();
        CommandLineOptions jmhOptions = new CommandLineOptions(withoutFilters(args, filters));
        List<String> impls = Impl.available();
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(jmhOptions);
        String peers = Pattern.quote(PeerSuite.class.getPackageName() + ".");
        if (filters.isEmpty()) {
            builder.include(peers + ".*PeerBenchmark");
        }
        for (String filter : filters) {
            builder.include(peers + ".*(?:" + filter + ")");
        }
        if (!jmhOptions.getParameter("impl").hasValue()) {
            builder.param("impl", impls.toArray(String[]::new));
        }
        Options options = builder.build();
        System.out.println("peer suite: implementations " + impls + " (" + Impl.PEER + " is the peer)");
        if (System.getenv(OMP_WAIT_POLICY) == null) {
            System.out.println("peer suite: " + OMP_WAIT_POLICY + " is not set; PyTorch's OpenMP threads spin while they "
                    + "wait, which on a shared or busy machine slows DJL many times over; set it to PASSIVE (the "
                    + "README's command does) unless the machine is yours alone");
        }
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(table(results, impls));
        System.out.println(machine());
    }

    /** The arguments without the benchmark filters, which this suite applies within its own package only. */
    private static String[] withoutFilters(String[] args, List<String> filters) {
        List<String> kept = new ArrayList<>(List.of(args));
        for (String filter : filters) {
            kept.remove(kept.lastIndexOf(filter));
        }
        return kept.toArray(String[]::new);
    }

    /** One row per benchmark and parameter set (all but {@code impl}), one column per implementation. */
    static String table(Collection<RunResult> results, List<String> impls) {
        Map<String, Map<String, RunResult>> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            Map<String, String> others = new TreeMap<>();
            for (String key : params.getParamsKeys()) {
                if (!key.equals("impl")) {
                    others.put(key, params.getParam(key));
                }
            }
            String bench = params.getBenchmark();
            String name = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1)
                    .replace("PeerBenchmark", "") + " " + others;
            rows.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(params.getParam("impl"), r);
        }
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-58s", "workload");
        for (String impl : impls) {
            header += String.format(Locale.ROOT, " %24s", impl);
        }
        out.append(header).append('\n');
        for (var row : rows.entrySet()) {
            RunResult peer = row.getValue().get(Impl.PEER);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-58s", row.getKey()));
            for (String impl : impls) {
                RunResult r = row.getValue().get(impl);
                line.append(String.format(Locale.ROOT, " %24s", cell(r, peer)));
            }
            out.append(line).append('\n');
        }
        out.append("cells: time per operation (unit), and in brackets DJL's time / this time (≥ 1: as fast as DJL or faster)\n");
        return out.toString();
    }

    private static String cell(RunResult r, RunResult peer) {
        if (r == null) {
            return "-";
        }
        double score = r.getPrimaryResult().getScore();
        String unit = r.getPrimaryResult().getScoreUnit().replace("/op", "");
        String text = number(score) + " " + unit;
        if (peer != null && peer.getPrimaryResult().getScoreUnit().equals(r.getPrimaryResult().getScoreUnit())) {
            text += String.format(Locale.ROOT, " (%.2f×)", peer.getPrimaryResult().getScore() / score);
        }
        return text;
    }

    /** Three significant digits without an exponent: 2170, 9.69, 0.0271. */
    private static String number(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The load the numbers were taken under: cores and the 1/5/15-minute load averages. */
    static String machine() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | UnsupportedOperationException e) {
            load = "unknown";
        }
        List<String> parts = new ArrayList<>(List.of(load.split(" ")));
        String averages = parts.size() >= 3 ? String.join(" ", parts.subList(0, 3)) : load;
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average " + averages
                + " (1/5/15 min) at the end of the run; " + Runtime.version() + "; " + OMP_WAIT_POLICY + "="
                + System.getenv().getOrDefault(OMP_WAIT_POLICY, "(unset)");
    }
}
