package org.jdive.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.tests.EventFiles;
import org.jdive.tests.EventFiles.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's TensorBoard event files show what its logs hold, across a resume too, with its recordings and samples. */
class TensorBoardRunTest {

    @TempDir
    Path dir;

    private Scenario frozenLake(String budget, String... overrides) throws IOException {
        Path file = dir.resolve("q-learning.yaml");
        Files.writeString(file, """
                seed: 3
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  %s
                log:
                  every: 50
                eval:
                  every: 100
                  episodes: 50
                checkpoint:
                  every: 100
                """.formatted(budget));
        return ScenarioLoader.load(file, List.of(overrides));
    }

    private RunFolder start(Scenario s) throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve("runs"), s.name());
        Runner.writeScenario(s, folder);
        return folder;
    }

    @Test
    void everyLoggedValueIsAScalarAtItsCountAndEveryRecordingAnImage() throws IOException {
        Scenario s = frozenLake("episodes: 300", "record.gif=true");
        RunFolder folder = start(s);
        double before = System.currentTimeMillis() / 1e3;
        try (Runner runner = new Runner(s, folder)) {
            runner.run();
        }
        double after = System.currentTimeMillis() / 1e3;

        List<Path> files = EventFiles.list(folder.tensorBoard());
        assertEquals(1, files.size(), files.toString());
        List<Event> events = EventFiles.read(files.getFirst());
        assertEquals("brain.Event:2", events.getFirst().fileVersion());
        assertTrue(events.get(1).sessionStart());
        assertEquals(1, events.get(1).step(), "a session starting after 0 episodes");
        for (int i = 0; i < events.size(); i++) {
            double t = events.get(i).wallTime();
            assertTrue(t >= before - 1e-3 && t <= after + 1e-3, t + " within the run's " + before + " .. " + after);
            assertTrue(i == 0 || t >= events.get(i - 1).wallTime(), "wall times never go back");
        }
        assertEquals(logged(folder), EventFiles.shownScalars(folder.tensorBoard()));

        Map<Long, byte[]> recordings = new TreeMap<>();
        for (Event e : events) {
            if (e.images().containsKey("eval/recording")) {
                recordings.put(e.step(), e.images().get("eval/recording"));
            }
        }
        assertEquals(List.of(100L, 200L, 300L), List.copyOf(recordings.keySet()));
        for (long done : recordings.keySet()) {
            assertArrayEquals(bytes(folder.recording(done)), recordings.get(done), "the GIF at " + done);
        }
    }

    @Test
    void aResumedRunAddsAFileThatStartsPastItsCheckpointSoTheRowsAfterItAreForgotten() throws IOException {
        Scenario s = frozenLake("episodes: 400");
        RunFolder folder = start(s);
        try (Runner first = RunnerTest.stoppingAt(new Runner(s, folder), 250)) {
            first.run();
        }
        Files.delete(folder.checkpoint(250)); // as if killed before writing it: rows after 200 are written again
        try (Runner second = new Runner(s, folder)) {
            assertEquals(200, second.resume());
            second.run();
        }

        List<Path> files = EventFiles.list(folder.tensorBoard());
        assertEquals(2, files.size(), "one file per invocation: " + files);
        assertTrue(EventFiles.read(files.getFirst()).stream().anyMatch(e -> e.step() == 250),
                "the first invocation logged 250 episodes before it stopped");
        List<Event> resumed = EventFiles.read(files.get(1));
        assertEquals("brain.Event:2", resumed.getFirst().fileVersion());
        assertTrue(resumed.get(1).sessionStart());
        assertEquals(201, resumed.get(1).step(), "forgets from just past the checkpoint at 200, keeping its rows");
        assertEquals(logged(folder), EventFiles.shownScalars(folder.tensorBoard()),
                "TensorBoard shows the logs as the resume left them");
    }

    @Test
    void aGansSampleImageOfEachEpochIsAnImageAtThatEpoch() throws IOException {
        Scenario s = ScenarioLoader.load(Path.of("../scenarios/ring-gan.yaml"), List.of("budget.epochs=2",
                "model.points=1024", "model.batch_size=256", "model.latent_dim=16", "model.hidden=32"));
        RunFolder folder = start(s);
        try (Runner runner = new Runner(s, folder)) {
            runner.run();
        }
        Map<Long, byte[]> samples = new TreeMap<>();
        for (Event e : EventFiles.read(EventFiles.list(folder.tensorBoard()).getFirst())) {
            if (e.images().containsKey("samples")) {
                samples.put(e.step(), e.images().get("samples"));
            }
        }
        assertEquals(List.of(1L, 2L), List.copyOf(samples.keySet()));
        for (long epoch : samples.keySet()) {
            assertArrayEquals(bytes(folder.path().resolve("samples/epoch-000" + epoch + ".png")), samples.get(epoch));
        }
        assertEquals(logged(folder), EventFiles.shownScalars(folder.tensorBoard()));
    }

    /**
     * The run's logs as TensorBoard scalars: each cell of metrics.csv (train/) and eval.csv (eval/) but the count, at
     * the count, as a float; an empty cell (NaN) is no value.
     */
    private static Map<String, TreeMap<Long, Float>> logged(RunFolder folder) throws IOException {
        Map<String, TreeMap<Long, Float>> logged = new TreeMap<>();
        for (String log : List.of("metrics", "eval")) {
            Path csv = folder.path().resolve(log + ".csv");
            if (Files.notExists(csv)) {
                continue;
            }
            List<String> lines = Files.readAllLines(csv);
            String[] columns = lines.getFirst().split(",");
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                for (int i = 1; i < columns.length; i++) {
                    if (!cells[i].isEmpty()) {
                        String tag = (log.equals("metrics") ? "train/" : "eval/") + columns[i];
                        logged.computeIfAbsent(tag, t -> new TreeMap<>())
                                .put(Long.parseLong(cells[0]), (float) Double.parseDouble(cells[i]));
                    }
                }
            }
        }
        return logged;
    }

    private static byte[] bytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }
}
