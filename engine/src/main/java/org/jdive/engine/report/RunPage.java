package org.jdive.engine.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdive.engine.RunFolder;
import org.jdive.engine.RunPlots;

/**
 * The report of one run folder: its summary, its evaluations, every plot, the GIFs of its evaluation episodes
 * ({@code recordings/}), a GAN's samples ({@code samples/}), the resolved scenario and links to its files.
 */
final class RunPage {

    private RunPage() {
    }

    static Page page(Path folder) throws IOException {
        Map<String, String> summary = Parts.jsonFields(folder.resolve(RunFolder.SUMMARY));
        String title = summary.getOrDefault("scenario", scenarioName(folder));
        String unit = summary.getOrDefault("unit", "");
        List<String> facts = new ArrayList<>();
        facts.add(folder.getFileName().toString());
        for (String key : List.of("kind", "backend")) {
            if (summary.containsKey(key)) {
                facts.add(summary.get(key));
            }
        }
        if (summary.containsKey("seed")) {
            facts.add("seed " + summary.get("seed"));
        }
        if (summary.containsKey("done")) {
            facts.add(Parts.count(summary.get("done")) + " of " + Parts.count(summary.getOrDefault("budget", "?")) + " " + unit
                    + ("false".equals(summary.get("finished")) ? ", stopped" : ""));
            facts.add(Parts.seconds(summary.get("wall_s")) + " s");
        }
        return new Page(title, "run", facts)
                .section("summary", "Summary", summary.isEmpty()
                        ? Html.note("No readable summary.json: the run is under way, or was stopped before writing one.")
                        : Parts.keyValues(summary))
                .section("evaluations", "Evaluations", Parts.csvTable(folder, "eval.csv"))
                .section("plots", "Plots", Parts.figures(folder, plots(folder), Parts::stem, Parts.Grid.PLOTS))
                .section("recordings", "Recordings", Parts.figures(folder, Parts.files(folder, "recordings", ".gif"),
                        gif -> recordingCaption(gif, unit), Parts.Grid.FRAMES))
                .section("samples", "Samples", Parts.figures(folder, Parts.files(folder, "samples", ".png"), Parts::stem,
                        Parts.Grid.SAMPLES))
                .section("scenario", "Scenario", Parts.file(folder, RunFolder.SCENARIO))
                .section("files", "Files", files(folder));
    }

    /**
     * The plots in the order the run logs their columns ({@code metrics.csv}, then {@code eval.csv}: the trainer's
     * own order, headline first), any other plot after them by name.
     */
    static List<Path> plots(Path folder) throws IOException {
        List<String> order = new ArrayList<>();
        order.addAll(header(folder.resolve("metrics.csv"), ""));
        order.addAll(header(folder.resolve("eval.csv"), "eval_"));
        return Parts.ordered(Parts.files(folder, RunPlots.FOLDER, ".png"), order);
    }

    private static List<String> header(Path csv, String prefix) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return List.of();
        }
        try (var lines = Files.lines(csv)) {
            return lines.findFirst().map(h -> Tables.csv(h).header().stream().map(c -> prefix + c).toList())
                    .orElse(List.of());
        }
    }

    /** {@code recordings/000000005000.gif} is the first evaluation episode after 5,000 units. */
    private static String recordingCaption(Path gif, String unit) {
        String stem = Parts.stem(gif);
        return stem.matches("\\d+") ? String.format(Locale.ROOT, "after %,d %s", Long.parseLong(stem), unit).trim() : stem;
    }

    /** The scenario's name as the resolved scenario gives it, else the folder's name. */
    private static String scenarioName(Path folder) throws IOException {
        String yaml = Parts.read(folder.resolve(RunFolder.SCENARIO));
        if (yaml != null) {
            for (String line : yaml.lines().toList()) {
                if (line.startsWith("name:")) {
                    return line.substring(5).trim();
                }
            }
        }
        return folder.getFileName().toString();
    }

    /** Links to the logs and files of the run, and its checkpoints with their sizes. */
    private static Html files(Path folder) throws IOException {
        List<Html> links = new ArrayList<>();
        for (String name : List.of(RunFolder.SCENARIO, RunFolder.SUMMARY, "metrics.csv", "metrics.jsonl", "eval.csv",
                "eval.jsonl")) {
            if (Files.isRegularFile(folder.resolve(name))) {
                links.add(Html.element("li", Html.link(Parts.href(folder, folder.resolve(name)), name)));
            }
        }
        Map<String, Long> checkpoints = new LinkedHashMap<>();
        RunFolder run = new RunFolder(folder);
        for (Path p : run.listCheckpoints()) {
            checkpoints.put(p.getFileName().toString(), Files.size(p));
        }
        if (Files.isRegularFile(run.bestCheckpoint())) {
            checkpoints.put(run.bestCheckpoint().getFileName().toString(), Files.size(run.bestCheckpoint()));
        }
        if (!checkpoints.isEmpty()) {
            List<String> each = new ArrayList<>();
            checkpoints.forEach((name, size) -> each.add(String.format(Locale.ROOT, "%s (%,d KiB)", name,
                    (size + 1023) / 1024)));
            links.add(Html.element("li", Html.text("checkpoints/: " + String.join(", ", each))));
        }
        return links.isEmpty() ? null : Html.element("ul", Html.of(links));
    }
}
