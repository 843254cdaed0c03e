package org.jdive.engine.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.io.Json;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Value;
import org.jdive.engine.scenario.YamlReader;

/**
 * A sweep's journal, {@code journal.jsonl}: a line when a job starts and a line when it reports, in the order the
 * tuner made the calls. Replaying it into a fresh scheduler makes the same decisions again, so a sweep that was
 * stopped (or whose machine went away) continues where it was: jobs that reported are not run again, jobs that had
 * started run again from their runs' latest checkpoints.
 */
final class Journal {

    static final String FILE = "journal.jsonl";
    private static final String CONFIG = "set:";

    /** What a replay restored. */
    record Replay(List<Job> unfinished, List<TrialResult> results, double elapsed) {
    }

    private final Path file;

    Journal(Path folder) {
        this.file = folder.resolve(FILE);
    }

    /**
     * Feeds the journal's calls to {@code scheduler} in their order; returns the jobs that started and did not report,
     * the results, and the sweep's wall time at its last line.
     *
     * @throws IllegalStateException when the scheduler decides otherwise than the journal says (the sweep file changed)
     */
    Replay replay(Scheduler scheduler) throws IOException {
        List<Job> running = new ArrayList<>();
        List<TrialResult> results = new ArrayList<>();
        double elapsed = 0;
        if (!Files.exists(file)) {
            return new Replay(running, results, elapsed);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> entry;
            try {
                entry = parse(line, number);
            } catch (IllegalStateException | NumberFormatException e) {
                if (number == lines.size()) {
                    break; // the last line, cut short when the machine went away while writing it: as if unwritten
                }
                throw e;
            }
            Job recorded = job(entry);
            elapsed = Math.max(elapsed, Double.parseDouble(entry.get("at")));
            if (entry.get("event").equals("start")) {
                Job suggested = scheduler.suggest();
                if (!recorded.equals(suggested)) {
                    throw new IllegalStateException(file + ":" + number + ": the sweep now suggests " + suggested
                            + " where it had started " + recorded + "; was the sweep file changed? Start a new sweep.");
                }
                running.add(recorded);
            } else {
                double error = Double.parseDouble(entry.get("error"));
                running.remove(recorded);
                scheduler.update(recorded, error);
                results.add(new TrialResult(recorded, number(entry.get("value")), error,
                        Double.parseDouble(entry.get("seconds")), Double.parseDouble(entry.get("at"))));
            }
        }
        return new Replay(running, results, elapsed);
    }

    void started(Job job, double at) throws IOException {
        Map<String, Object> line = line("start", job, at);
        append(line);
    }

    void reported(TrialResult result) throws IOException {
        Map<String, Object> line = line("report", result.job(), result.at());
        line.put("value", result.value());
        line.put("error", Double.toString(result.error())); // as text: an infinite error must come back as one
        line.put("seconds", result.seconds());
        append(line);
    }

    private static Map<String, Object> line(String event, Job job, double at) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("trial", job.trial());
        line.put("rung", job.rung());
        line.put("budget", job.budget());
        line.put("at", at);
        job.config().forEach((k, v) -> line.put(CONFIG + k, v));
        return line;
    }

    private void append(Map<String, Object> line) throws IOException {
        Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    private Map<String, String> parse(String line, int number) {
        List<Problem> problems = new ArrayList<>();
        Value v = YamlReader.read(new StringReader(line), file + ":" + number, problems);
        Map<String, String> entry = new LinkedHashMap<>();
        if (v != null && v.isMapping()) {
            v.mapping().forEach((k, x) -> entry.put(k, x.data() == null ? null : x.data().toString()));
        }
        String event = entry.get("event");
        if (!("start".equals(event) || "report".equals(event)) || entry.get("at") == null
                || (event.equals("report") && entry.get("error") == null)) {
            throw new IllegalStateException(file + ":" + number + ": not a journal line: " + line);
        }
        job(entry); // its trial, rung and budget must read
        return entry;
    }

    private static Job job(Map<String, String> entry) {
        Map<String, String> config = new LinkedHashMap<>();
        entry.forEach((k, v) -> {
            if (k.startsWith(CONFIG)) {
                config.put(k.substring(CONFIG.length()), v);
            }
        });
        return new Job(Integer.parseInt(entry.get("trial")), config, Long.parseLong(entry.get("budget")),
                Integer.parseInt(entry.get("rung")));
    }

    private static double number(String text) {
        return text == null ? Double.NaN : Double.parseDouble(text);
    }
}
