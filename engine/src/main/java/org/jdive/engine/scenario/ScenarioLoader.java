package org.jdive.engine.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads a scenario: reads the file and the files it {@code extends:}, lays the {@code --set key=value}
 * overrides over them, and checks every key against the {@link Schema}. Every problem of the file is
 * collected and reported at once, in a {@link ScenarioException}; nothing is returned unless all is valid.
 */
public final class ScenarioLoader {

    private static final int MAX_EXTENDS_DEPTH = 16;

    private final List<Problem> problems = new ArrayList<>();
    /** The keys given wrongly or missing. */
    private final Set<String> invalid = new HashSet<>();

    private ScenarioLoader() {
    }

    /**
     * @param file the scenario file
     * @param sets overrides as {@code key=value} (the value is read like a YAML scalar)
     * @throws ScenarioException with every problem found
     */
    public static Scenario load(Path file, List<String> sets) {
        return new ScenarioLoader().resolve(file, sets);
    }

    private Scenario resolve(Path file, List<String> sets) {
        Value tree = readWithBases(file, new HashSet<>(), 0);
        if (tree != null) {
            for (String set : sets) {
                Value override = parseSet(set);
                if (override != null) {
                    tree = Value.merge(tree, override);
                }
            }
        }
        Scenario scenario = tree == null ? null : validate(file, tree);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return scenario;
    }

    /** The file's tree laid over the trees of the files it extends (recursively). */
    private Value readWithBases(Path file, Set<Path> seen, int depth) {
        Path real = file.toAbsolutePath().normalize();
        Value tree = YamlReader.read(file, file.toString(), problems);
        if (tree == null) {
            return null;
        }
        if (!tree.isMapping()) {
            problems.add(new Problem(tree.origin(), "", "a scenario must be a mapping of keys to values, got " + tree.describe()));
            return null;
        }
        seen.add(real);
        Value base = tree.mapping().get("extends");
        if (base == null) {
            return tree;
        }
        if (!base.isScalar()) {
            problems.add(new Problem(base.origin(), "extends", "must be the path of another scenario file, got " + base.describe()));
            return tree;
        }
        Path basePath = (real.getParent() == null ? Path.of(".") : real.getParent()).resolve((String) base.data()).normalize();
        if (seen.contains(basePath) || depth >= MAX_EXTENDS_DEPTH) {
            problems.add(new Problem(base.origin(), "extends", "'" + base.data() + "' extends this file again (a cycle)"));
            return tree;
        }
        if (!Files.exists(basePath)) {
            problems.add(new Problem(base.origin(), "extends", "no such file: " + basePath));
            return tree;
        }
        Value below = readWithBases(basePath, seen, depth + 1);
        return below == null ? tree : Value.merge(below, tree);
    }

    /** {@code a.b=value} as the tree {@code {a: {b: value}}}, or null (with a problem) when malformed. */
    private Value parseSet(String set) {
        int eq = set.indexOf('=');
        Origin origin = new Origin("--set " + set, 0, 0);
        if (eq <= 0 || set.substring(0, eq).isBlank()) {
            problems.add(new Problem(origin, "", "--set needs key=value, e.g. --set agent.alpha=0.2"));
            return null;
        }
        String[] path = set.substring(0, eq).trim().split("\\.");
        List<Problem> yamlProblems = new ArrayList<>();
        Value value = YamlReader.read(new java.io.StringReader(set.substring(eq + 1)), origin.source(), yamlProblems);
        if (value == null) {
            problems.addAll(yamlProblems);
            return null;
        }
        value = new Value(value.isMapping() && value.mapping().isEmpty() ? null : value.data(), origin);
        for (int i = path.length - 1; i >= 0; i--) {
            Map<String, Value> level = new LinkedHashMap<>();
            level.put(path[i], value);
            value = new Value(level, origin);
        }
        return value;
    }

    /**
     * Checks every key, then runs the kind's checks. When the kind is unknown, the file is still checked against
     * what every kind it may mean shares: the keys of its family and the checks all of them run.
     */
    private Scenario validate(Path file, Value tree) {
        Origin fileOrigin = Origin.file(file.toString());
        TrainerKind kind = kindOf(tree, fileOrigin);
        String family = kind != null ? kind.section() : familyOf(tree);
        List<Key> keys = kind != null ? Schema.keysFor(kind) : Schema.keysForFamily(family);
        Map<String, Key> byPath = new LinkedHashMap<>();
        keys.forEach(k -> byPath.put(k.path(), k));
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        walk(tree, "", byPath, kind, values, origins);
        for (Key key : keys) {
            if (!values.containsKey(key.path())) {
                if (key.required()) {
                    invalid.add(key.path());
                    problems.add(new Problem(fileOrigin, key.path(), "missing; " + key.doc()
                            + " Allowed: " + key.type().describe()));
                } else if (key.defaultValue() != null) {
                    values.put(key.path(), key.defaultValue());
                }
            }
        }
        if (values.get("name") == null) {
            values.put("name", file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        keys.forEach(k -> {
            if (values.containsKey(k.path())) {
                ordered.put(k.path(), values.get(k.path()));
            }
        });
        Scenario scenario = new Scenario((String) ordered.get("name"), kind, ordered, origins, file.toString(), invalid);
        for (TrainerKind.Check check : kind != null ? kind.checks() : Trainers.sharedChecks(family)) {
            try {
                problems.addAll(check.run(scenario));
            } catch (Scenario.Unavailable skipped) {
                // the check needs a key that is wrong, and that key's problem is reported already
            }
        }
        return scenario;
    }

    /** The section whose kind selector the file gives (agent or model), or null when it gives neither or both. */
    private static String familyOf(Value tree) {
        boolean agent = at(tree, Schema.AGENT_KIND.path()) != null;
        boolean model = at(tree, Schema.MODEL_KIND.path()) != null;
        return agent == model ? null : agent ? Schema.AGENT_KIND.parent() : Schema.MODEL_KIND.parent();
    }

    /** The kind named by {@code agent.kind} or {@code model.kind}; null (with a problem) when neither names one. */
    private TrainerKind kindOf(Value tree, Origin fileOrigin) {
        TrainerKind found = null;
        int given = 0;
        for (Key selector : List.of(Schema.AGENT_KIND, Schema.MODEL_KIND)) {
            Value v = at(tree, selector.path());
            if (v == null) {
                continue;
            }
            given++;
            try {
                String name = (String) selector.type().read(v);
                found = Trainers.find(selector.parent(), name);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(v.origin(), selector.path(), e.getMessage()));
                invalid.add(selector.path());
            }
        }
        if (given == 0) {
            String models = Trainers.names("model").isEmpty() ? ""
                    : " or model.kind (" + String.join(", ", Trainers.names("model")) + ")";
            problems.add(new Problem(fileOrigin, "agent.kind", "missing; a scenario names what learns with agent.kind ("
                    + String.join(", ", Trainers.names("agent")) + ")" + models));
        } else if (given > 1) {
            problems.add(new Problem(fileOrigin, "model.kind", "a scenario has either agent.kind or model.kind, not both"));
            return null;
        }
        return found;
    }

    private static Value at(Value tree, String path) {
        Value v = tree;
        for (String part : path.split("\\.")) {
            if (v == null || !v.isMapping()) {
                return null;
            }
            v = v.mapping().get(part);
        }
        return v;
    }

    /** Checks each entry of a mapping against the keys under {@code prefix}, recursing into sections. */
    private void walk(Value mapping, String prefix, Map<String, Key> keys, TrainerKind kind, Map<String, Object> values,
                      Map<String, Origin> origins) {
        for (Map.Entry<String, Value> entry : mapping.mapping().entrySet()) {
            String path = prefix + entry.getKey();
            Value value = entry.getValue();
            Key key = keys.get(path);
            if (invalid.contains(path)) {
                origins.put(path, value.origin()); // its problem is reported already
            } else if (key != null) {
                origins.put(path, value.origin());
                try {
                    values.put(path, value.data() == null && !key.required() ? key.defaultValue() : key.type().read(value));
                } catch (IllegalArgumentException e) {
                    values.put(path, null); // given, though wrongly: not also "missing"
                    invalid.add(path);
                    problems.add(new Problem(value.origin(), path, e.getMessage()));
                }
            } else if (isSection(path, keys)) {
                if (value.isMapping()) {
                    walk(value, path + ".", keys, kind, values, origins);
                } else {
                    problems.add(new Problem(value.origin(), path, "is a section and must be a mapping, got "
                            + value.describe() + "; its keys: " + childNames(path, keys)));
                }
            } else {
                problems.add(new Problem(value.origin(), path, unknown(entry.getKey(), prefix, keys, kind)));
            }
        }
    }

    private static boolean isSection(String path, Map<String, Key> keys) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith(path + "."));
    }

    /** The names allowed directly under {@code section} ("" for the top level). */
    private static Set<String> childNames(String section, Map<String, Key> keys) {
        String prefix = section.isEmpty() ? "" : section + ".";
        Set<String> names = new TreeSet<>();
        for (String k : keys.keySet()) {
            if (k.startsWith(prefix)) {
                names.add(k.substring(prefix.length()).split("\\.")[0]);
            }
        }
        return names;
    }

    private static String unknown(String name, String prefix, Map<String, Key> keys, TrainerKind kind) {
        String section = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        Set<String> allowed = childNames(section, keys);
        String path = prefix + name;
        List<String> usedBy = Trainers.all().stream()
                .filter(k -> k.keys().stream().anyMatch(key -> key.path().equals(path) || key.path().startsWith(path + ".")))
                .map(TrainerKind::name).toList();
        if (kind != null && !usedBy.isEmpty()) {
            return "not a key of " + kind.section() + ".kind " + kind.name() + " (only of " + String.join(", ", usedBy)
                    + "). Keys here: " + String.join(", ", allowed);
        }
        String suggestion = Suggest.didYouMean(name, allowed);
        if (suggestion.isEmpty()) {
            // the right name in another section, e.g. learning_starts for agent.learning_starts
            suggestion = keys.keySet().stream().filter(k -> k.endsWith("." + name)).findFirst()
                    .map(k -> " Did you mean '" + k + "'?").orElse("");
        }
        return "unknown key." + suggestion + " Keys here: " + String.join(", ", allowed);
    }
}
