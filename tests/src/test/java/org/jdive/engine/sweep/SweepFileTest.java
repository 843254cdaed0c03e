package org.jdive.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.ScenarioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sweep files are checked like scenarios: every mistake with its file, line and key, and what is allowed. */
class SweepFileTest {

    @TempDir
    Path dir;

    private static final String BASE = """
            env:
              id: FrozenLake-v1
            agent:
              kind: q-learning
              alpha: 0.5
            budget:
              episodes: 900
            """;

    private static final String VALID = """
            scenario: base.yaml
            space:
              agent.alpha: {log_uniform: [0.01, 0.5]}
              agent.gamma: {choice: [0.9, 0.99]}
            searcher: asha
            min_budget: 100
            """;

    private Path write(String sweep) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, sweep);
        return file;
    }

    @Test
    void aValidSweepReadsWithItsDefaults() throws IOException {
        Sweep s = Sweep.load(write(VALID));
        assertEquals(List.of("agent.alpha", "agent.gamma"), List.copyOf(s.space().keySet()));
        assertEquals(new Domain.LogUniform(0.01, 0.5), s.space().get("agent.alpha"));
        assertEquals("mean_return", s.metric());
        assertTrue(s.maximize());
        assertEquals(10, s.trials());
        assertEquals(100, s.minBudget());
        assertEquals(900, s.maxBudget(), "the scenario's budget");
        assertEquals("budget.episodes", s.budgetKey());
        assertEquals(List.of(0L), s.seeds(), "the scenario's seed");
        assertEquals(3, s.eta());
        assertEquals(0.25, s.trial(java.util.Map.of("agent.alpha", "0.25", "agent.gamma", "0.9"), 5).number("agent.alpha"));
        assertEquals(5, s.trial(java.util.Map.of("agent.alpha", "0.25", "agent.gamma", "0.9"), 5).seed());
    }

    @Test
    void aGridSweepHasAsManyTrialsAsGridPoints() throws IOException {
        Sweep s = Sweep.load(write(VALID.replace("searcher: asha\nmin_budget: 100\n", "searcher: grid\ngrid_points: 3\n")));
        assertEquals(6, s.trials());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown key", VALID + "trails: 5\n", 7, "trails", "Did you mean 'trials'?"),
                Arguments.of("no base scenario", VALID.replace("scenario: base.yaml\n", ""), 0, "scenario", "missing"),
                Arguments.of("base scenario not there", VALID.replace("base.yaml", "gone.yaml"), 1, "scenario",
                        "no scenario file"),
                Arguments.of("no space", "scenario: base.yaml\n", 0, "space", "missing"),
                Arguments.of("unknown domain", VALID.replace("log_uniform", "loguniform"), 3, "space.agent.alpha.loguniform",
                        "Did you mean 'log_uniform'?"),
                Arguments.of("bounds the wrong way round", VALID.replace("[0.01, 0.5]", "[0.5, 0.01]"), 3,
                        "space.agent.alpha.log_uniform", "needs lo < hi"),
                Arguments.of("log scale from zero", VALID.replace("[0.01, 0.5]", "[0, 0.5]"), 3,
                        "space.agent.alpha.log_uniform", "lo must be > 0"),
                Arguments.of("a key the scenario does not have", VALID.replace("agent.gamma:", "agent.gama:"), 4,
                        "space.agent.gama", "Did you mean 'gamma'?"),
                Arguments.of("a value the key does not allow", VALID.replace("[0.01, 0.5]", "[0.01, 1.5]"), 3,
                        "space.agent.alpha", "1.5 is not a valid value: must be a number in (0, 1]"),
                Arguments.of("a whole-number key searched over reals", VALID.replace("agent.gamma: {choice: [0.9, 0.99]}",
                        "budget.episodes: {uniform: [10, 20]}"), 4, "space.budget.episodes", "must be a whole number"),
                Arguments.of("a key both fixed and searched", VALID + "set: {agent.gamma: 0.95}\n", 4, "space.agent.gamma",
                        "is also fixed in set:"),
                Arguments.of("a bad fixed value", VALID + "set: {agent.epsilon.start: 2}\n", 7, "agent.epsilon.start",
                        "must be a number in [0, 1]"),
                Arguments.of("asha without min_budget", VALID.replace("min_budget: 100\n", ""), 5, "min_budget", "missing"),
                Arguments.of("min_budget not below the max", VALID.replace("min_budget: 100", "min_budget: 900"), 6,
                        "min_budget", "must be below max_budget (900 episodes)"),
                Arguments.of("min_budget for random search", VALID.replace("searcher: asha", "searcher: random"), 6,
                        "min_budget", "only successive-halving, asha and hyperband use it"),
                Arguments.of("trials for hyperband", VALID.replace("searcher: asha", "searcher: hyperband\ntrials: 4"), 6,
                        "trials", "hyperband decides how many configurations"),
                Arguments.of("unknown searcher", VALID.replace("searcher: asha", "searcher: hyperbnd"), 5, "searcher",
                        "Allowed: grid, random, successive-halving, asha, hyperband"),
                Arguments.of("eta below 2", VALID + "eta: 1\n", 7, "eta", "must be in [2, 1000], got 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachMalformedSweepGetsItsMessage(String kind, String text, int line, String key, String message) throws IOException {
        List<Problem> problems = assertThrows(ScenarioException.class, () -> Sweep.load(write(text))).problems();
        assertTrue(problems.stream().anyMatch(p -> p.key().equals(key) && p.origin().line() == line
                && p.message().contains(message)), () -> kind + ": " + problems);
    }
}
