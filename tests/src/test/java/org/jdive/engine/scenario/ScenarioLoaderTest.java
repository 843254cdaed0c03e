package org.jdive.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scenario validation: every malformed kind gets its documented message, with file, line and key. */
class ScenarioLoaderTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            env:
              id: FrozenLake-v1
            agent:
              kind: q-learning
              alpha: 0.5
            budget:
              episodes: 10
            """;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private List<Problem> problems(String text, String... sets) throws IOException {
        Path file = write("s.yaml", text);
        return assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of(sets))).problems();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown key with suggestion", VALID.replace("alpha: 0.5", "alpah: 0.5"), 5, "agent.alpah",
                        "unknown key. Did you mean 'alpha'?"),
                Arguments.of("unknown top-level key", VALID + "sed: 3\n", 8, "sed", "Did you mean 'seed'?"),
                Arguments.of("key in the wrong section", VALID + "alpha: 0.3\n", 8, "alpha", "Did you mean 'agent.alpha'?"),
                Arguments.of("wrong type", VALID + "seed: three\n", 8, "seed", "must be a whole number, got 'three'"),
                Arguments.of("negative budget", VALID.replace("episodes: 10", "episodes: -5"), 7, "budget.episodes",
                        "must be in [1, 2147483647], got -5"),
                Arguments.of("zero budget", VALID.replace("episodes: 10", "episodes: 0"), 7, "budget.episodes", "got 0"),
                Arguments.of("number out of range", VALID.replace("alpha: 0.5", "alpha: 1.5"), 5, "agent.alpha",
                        "must be a number in (0, 1], got 1.5"),
                Arguments.of("unknown env id", VALID.replace("FrozenLake-v1", "FrozenLak-v1"), 2, "env.id",
                        "Did you mean 'FrozenLake-v1'?"),
                Arguments.of("unknown agent kind", VALID.replace("q-learning", "q-lerning"), 4, "agent.kind",
                        "Did you mean 'q-learning'?"),
                Arguments.of("key of another kind", VALID.replace("alpha: 0.5", "tolerance: 0.1"), 5, "agent.tolerance",
                        "not a key of agent.kind q-learning (only of policy-iteration, value-iteration)"),
                Arguments.of("unknown model kind", "model:\n  kind: toy-gna\n", 2, "model.kind", "Did you mean 'toy-gan'?"),
                Arguments.of("both an agent and a model", VALID + "model:\n  kind: toy-gan\n", 0, "model.kind",
                        "either agent.kind or model.kind, not both"),
                Arguments.of("batch larger than the data", "model:\n  kind: toy-gan\n  points: 4\n  batch_size: 8\n", 4,
                        "model.batch_size", "must be at most model.points (4), got 8"),
                Arguments.of("planner on an env without a model", VALID.replace("q-learning", "value-iteration")
                        .replace("  alpha: 0.5\n", "").replace("episodes: 10", "sweeps: 10").replace("FrozenLake-v1", "CartPole-v1"),
                        2, "env.id", "value-iteration needs an env with a transition model"),
                Arguments.of("section given a scalar", VALID + "eval: 5\n", 8, "eval", "is a section and must be a mapping"),
                Arguments.of("list for a number", VALID + "seed: [1, 2]\n", 8, "seed", "got a list"),
                Arguments.of("bad boolean in a choice", VALID.replace("alpha: 0.5", "epsilon:\n    schedule: cosine"), 6,
                        "agent.epsilon.schedule", "Allowed: constant, linear, exponential"),
                Arguments.of("duplicate key", VALID + "seed: 1\nseed: 2\n", 9, "seed", "given twice (first at line 8)"),
                Arguments.of("bad YAML", "env: [unclosed\n", 2, "", "not valid YAML"),
                Arguments.of("not a mapping", "- a\n- b\n", 1, "", "must be a mapping"),
                Arguments.of("missing env id", VALID.replace("id: FrozenLake-v1", "options: {}"), 0, "env.id", "missing"),
                Arguments.of("missing agent kind", "env:\n  id: FrozenLake-v1\n", 0, "agent.kind", "missing"),
                Arguments.of("unknown env option", VALID.replace("id: FrozenLake-v1", "id: FrozenLake-v1\n  options:\n    map_nme: 8x8"),
                        3, "env.options", "Did you mean 'map_name'?"),
                Arguments.of("env the agent cannot learn", VALID.replace("FrozenLake-v1", "CartPole-v1"), 2, "env.id",
                        "q-learning needs discrete observations"),
                Arguments.of("a continuous agent on discrete actions",
                        "env:\n  id: CartPole-v1\nagent:\n  kind: sac\n", 2, "env.id", "sac acts continuously"),
                Arguments.of("ε-greedy evaluation of continuous actions",
                        "env:\n  id: Pendulum-v1\nagent:\n  kind: ppo\neval:\n  epsilon: 0.1\n", 6, "eval.epsilon",
                        "is for discrete actions"),
                Arguments.of("extends a missing file", "extends: nowhere.yaml\n" + VALID, 1, "extends", "no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void eachMalformedScenarioGetsItsMessage(String kind, String text, int line, String key, String message) throws IOException {
        List<Problem> problems = problems(text);
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.getFirst();
        assertEquals(key, p.key(), p.toString());
        assertEquals(line, p.origin().line(), p.toString());
        assertTrue(p.origin().source().endsWith("s.yaml"), p.toString());
        assertTrue(p.message().contains(message), p.toString());
    }

    static Stream<HostileYaml.Case> hostile() {
        return HostileYaml.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void yamlThatWouldExhaustTheStackOrMemoryIsOneProblem(HostileYaml.Case c) throws IOException {
        List<Problem> problems = problems(c.text());
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.getFirst();
        assertTrue(p.origin().source().endsWith("s.yaml"), p.toString());
        assertTrue(p.message().contains(c.message()), p.toString());
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() throws IOException {
        List<Problem> problems = problems("""
                seed: -1
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                  alpah: 0.5
                  gamma: 2
                budget:
                  episodes: x
                """);
        assertEquals(List.of("seed", "agent.alpah", "agent.gamma", "budget.episodes"),
                problems.stream().map(Problem::key).toList(), problems.toString());
        assertEquals(List.of(1, 6, 7, 9), problems.stream().map(p -> p.origin().line()).toList());
        String message = new ScenarioException(problems).getMessage();
        assertTrue(message.startsWith("4 problems in the scenario:"), message);
        assertTrue(message.contains("s.yaml:6:3: agent.alpah: unknown key. Did you mean 'alpha'?"), message);
    }

    @Test
    void anUnknownKindStillChecksTheKeysItsFamilyShares() throws IOException {
        List<Problem> problems = problems("""
                env:
                  id: FrozenLake-v1
                  optoins: {}
                agent:
                  kind: q-lerning
                budget:
                  episodes: -5
                """);
        assertEquals(List.of("agent.kind", "env.optoins", "budget.episodes"), problems.stream().map(Problem::key).toList(),
                problems.toString());
        assertEquals(List.of(5, 3, 7), problems.stream().map(p -> p.origin().line()).toList());
        assertTrue(problems.get(1).message().contains("Did you mean 'options'?"), problems.toString());
        assertTrue(problems.get(2).message().contains("got -5"), problems.toString());
    }

    @Test
    void keysOfAnyKindOfTheFamilyAreAllowedWhenTheKindIsUnknown() throws IOException {
        List<Problem> problems = problems(VALID.replace("q-learning", "q-lerning").replace("alpha: 0.5", "alpha: 0.5\n  tolerance: 0.1"));
        assertEquals(List.of("agent.kind"), problems.stream().map(Problem::key).toList(), problems.toString());
        List<Problem> models = problems("model:\n  kind: gna\n  batch_size: 0\n  lr_g: x\n");
        assertEquals(List.of("model.kind", "model.batch_size", "model.lr_g"), models.stream().map(Problem::key).toList(),
                models.toString());
        assertEquals("must be integer in [1, 1000000] or integer in [2, 1000000] (depending on the kind), got '0'",
                models.get(1).message(), "kinds of the family read model.batch_size differently");
    }

    @Test
    void checksRunBesideTheProblemsOfOtherKeys() throws IOException {
        List<Problem> wrongEnv = problems(VALID.replace("FrozenLake-v1", "CartPole-v1") + "seed: x\n");
        assertEquals(List.of("seed", "env.id"), wrongEnv.stream().map(Problem::key).toList(), wrongEnv.toString());
        assertTrue(wrongEnv.get(1).message().contains("q-learning needs discrete observations"), wrongEnv.toString());

        List<Problem> unknownKind = problems(VALID.replace("q-learning", "q-lerning")
                .replace("id: FrozenLake-v1", "id: FrozenLake-v1\n  options:\n    map_nme: 8x8"));
        assertEquals(List.of("agent.kind", "env.options"), unknownKind.stream().map(Problem::key).toList(),
                unknownKind.toString());
        assertTrue(unknownKind.get(1).message().contains("Did you mean 'map_name'?"), unknownKind.toString());
    }

    @Test
    void aCheckThatNeedsAWrongKeyIsSkipped() throws IOException {
        List<Problem> problems = problems("model:\n  kind: toy-gan\n  points: many\n  batch_size: 8\n");
        assertEquals(List.of("model.points"), problems.stream().map(Problem::key).toList(), problems.toString());
    }

    @Test
    void aMissingFileIsAProblem() {
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("none.yaml"), List.of()));
        assertTrue(e.getMessage().contains("none.yaml: no such file"), e.getMessage());
    }

    @Test
    void defaultsFillWhatIsNotGiven() throws IOException {
        Scenario s = ScenarioLoader.load(write("frozen.yaml", VALID), List.of());
        assertEquals("frozen", s.name());
        assertEquals(0.5, s.number("agent.alpha"));
        assertEquals(0.99, s.number("agent.gamma"));
        assertEquals(0L, s.seed());
        assertEquals("cpu", s.text("backend"));
        assertEquals("linear", s.text("agent.epsilon.schedule"));
    }

    @Test
    void extendsOverridesKeyByKeyAndSetOverridesBoth() throws IOException {
        write("base.yaml", VALID.replace("id: FrozenLake-v1",
                "id: FrozenLake-v1\n  options:\n    map_name: 8x8\n    is_slippery: false"));
        Path child = write("child.yaml", """
                extends: base.yaml
                env:
                  options:
                    is_slippery: true
                agent:
                  gamma: 0.9
                """);
        Scenario s = ScenarioLoader.load(child, List.of("agent.alpha=0.25", "seed=7", "agent.epsilon.schedule=constant"));
        assertEquals(Map.of("map_name", "8x8", "is_slippery", true), s.options("env.options"));
        assertEquals(0.9, s.number("agent.gamma"));
        assertEquals(0.25, s.number("agent.alpha"));
        assertEquals(7L, s.seed());
        assertEquals("constant", s.text("agent.epsilon.schedule"));
        assertEquals("child", s.name());
        assertEquals("q-learning", s.kind().name());
    }

    @Test
    void badSetOverridesAreNamedAsSuch() throws IOException {
        List<Problem> problems = problems(VALID, "agent.alpa=0.2", "seed", "budget.episodes=-1");
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().contains("--set needs key=value"), problems.toString());
        assertEquals("--set agent.alpa=0.2", problems.get(1).origin().source());
        assertTrue(problems.get(1).message().contains("Did you mean 'alpha'?"), problems.toString());
        assertEquals("budget.episodes", problems.get(2).key());
    }

    @Test
    void anExtendsCycleIsAProblem() throws IOException {
        write("a.yaml", "extends: b.yaml\n" + VALID);
        write("b.yaml", "extends: a.yaml\n");
        var e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(dir.resolve("a.yaml"), List.of()));
        assertTrue(e.getMessage().contains("a cycle"), e.getMessage());
    }

    @Test
    void yamlTagsThatWouldBuildObjectsAreJustText() throws IOException {
        List<Problem> problems = problems(VALID + "name: !!javax.script.ScriptEngineManager [x]\n");
        assertEquals("name", problems.getFirst().key(), problems.toString());
        assertTrue(problems.getFirst().message().contains("must be text, got a list"), problems.toString());
    }

    @Test
    void suggestionsNeedACloseName() {
        assertEquals("alpha", Suggest.nearest("aplha", List.of("alpha", "gamma")));
        assertEquals(null, Suggest.nearest("zzzzzz", List.of("alpha", "gamma")));
        assertEquals(1, Suggest.distance("ab", "ba"));
    }
}
