package org.jdive.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.Runs;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioException;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * D2L's translation models as a scenario kind, on the English–French pairs shipped in data/: runs with dropout resume
 * exactly, sampling translates a sentence, and bad keys are named ({@code TranslatorTest} checks that they learn).
 */
class Seq2SeqKindTest {

    @TempDir
    Path dir;

    private Scenario scenario(String body, String... sets) throws IOException {
        Path file = dir.resolve("s2s.yaml");
        Files.writeString(file, body);
        return ScenarioLoader.load(file, List.of(sets));
    }

    /** Narrow networks on fewer pairs than the book's, so that a run takes seconds. */
    private static final String SMALL = """
            seed: 0
            data:
              num_train: 128
              num_val: 32
            model:
              kind: seq2seq
              arch: %s
              embed_size: 32
              num_hiddens: 32
              ffn_num_hiddens: 32
              num_heads: 2
              batch_size: 32
              learning_rate: 0.01
            budget:
              epochs: %d
            log:
              every: 1
            checkpoint:
              every: 1
            """;

    /**
     * Stopped after its first epoch and resumed, a run with dropout logs the same metrics and ends with the same weights
     * (and Adam state), bit for bit, as one that ran straight through.
     */
    @ParameterizedTest
    @ValueSource(strings = {"bahdanau", "transformer"})
    void aStoppedAndResumedRunEndsExactlyAsAnUninterruptedOne(String arch) throws IOException {
        Scenario s = scenario(SMALL.formatted(arch, 2), "data.num_train=64", "data.num_val=16", "model.num_hiddens=16",
                "model.embed_size=16", "model.ffn_num_hiddens=16");
        Runs.start(s, dir.resolve("whole"));
        RunFolder parts = RunFolder.create(dir.resolve("parts"), s.name());
        Runner.writeScenario(s, parts);
        try (Runner first = new Runner(s, parts)) {
            first.addListener((done, metrics, last) -> first.requestStop());
            assertEquals(1, first.run().done(), "stopped after its first epoch, with a checkpoint");
        }
        assertEquals(2, Runs.run(s, parts).done());
        RunFolder whole;
        try (var folders = Files.list(dir.resolve("whole"))) {
            whole = RunFolder.open(folders.findFirst().orElseThrow());
        }
        for (String csv : List.of("metrics.csv", "eval.csv")) {
            assertEquals(withoutWallTime(whole.path().resolve(csv)), withoutWallTime(parts.path().resolve(csv)), csv);
        }
        assertEquals("epochs,wall_s,train_loss,val_bleu,bleu_go,bleu_i_lost,bleu_hes_calm,bleu_im_home",
                Files.readAllLines(parts.path().resolve("metrics.csv")).getFirst());
        assertArrayEquals(weights(whole), weights(parts), "the network's weights and Adam's state after 2 epochs");
        assertTrue(Files.isRegularFile(parts.path().resolve("plots/attention-im_home.png")), "the book's heat map");
    }

    @Test
    void samplingTranslatesTheGivenSentence() throws IOException {
        Scenario s = scenario(SMALL.formatted("bahdanau", 1), "data.num_train=64", "data.num_val=16");
        try (Trainer trainer = s.kind().create(s)) {
            trainer.train(1);
            Sampler sampler = (Sampler) trainer;
            assertTrue(sampler.sampleOptions().containsKey("source"));
            List<Path> files = sampler.sample(1, 0, Map.of("source", "I'm home."), dir.resolve("samples"));
            String text = Files.readString(files.getFirst());
            assertTrue(text.startsWith("I'm home. => "), text);
            assertEquals(1, text.lines().count(), text);
            assertTrue(files.get(1).getFileName().toString().endsWith(".png"), files.toString());
            assertEquals(4, Files.readString(sampler.sample(1, 0, Map.of(), dir.resolve("book")).getFirst()).lines().count(),
                    "without a source: the book's four sentences");
            String beam = Files.readString(sampler.sample(1, 0, Map.of("source", "I'm home.", "beam", "3"),
                    dir.resolve("beam")).getFirst());
            assertTrue(beam.startsWith("I'm home. => "), beam);
            assertThrows(IllegalArgumentException.class, () -> sampler.sample(1, 0, Map.of("prefix", "go"), dir));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> sampler.sample(1, 0, Map.of("beam", "0"), dir))
                    .getMessage().contains("option beam"));
        }
    }

    @Test
    void badKeysAndMissingDataAreProblemsAtTheirKeys() {
        List<Problem> problems = assertThrows(ScenarioException.class, () -> scenario("""
                model:
                  kind: seq2seq
                  arch: lstm
                """)).problems();
        assertEquals(List.of("model.arch"), problems.stream().map(Problem::key).toList());
        assertTrue(problems.getFirst().message().contains("transformer"), problems.toString());
        problems = assertThrows(ScenarioException.class, () -> scenario("""
                model:
                  kind: seq2seq
                  arch: transformer
                  num_heads: 3
                """)).problems();
        assertEquals(List.of("model.num_heads"), problems.stream().map(Problem::key).toList());
        problems = assertThrows(ScenarioException.class, () -> scenario("""
                data:
                  path: %s
                model:
                  kind: seq2seq
                """.formatted(dir.resolve("nowhere")))).problems();
        assertEquals(List.of("data.path"), problems.stream().map(Problem::key).toList());
        assertTrue(problems.getFirst().message().contains("no fra-eng.txt in " + dir.resolve("nowhere")),
                problems.toString());
    }

    /** The network and optimizer file of the run's latest checkpoint. */
    private static byte[] weights(RunFolder run) throws IOException {
        byte[][] bytes = new byte[1][];
        TrainerState.read(run.latestCheckpoint().orElseThrow())
                .readFiles(d -> bytes[0] = Files.readAllBytes(d.resolve("net.safetensors")));
        return bytes[0];
    }

    private static List<String> withoutWallTime(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.replaceFirst("^([^,]*),[^,]*", "$1")).toList();
    }
}
