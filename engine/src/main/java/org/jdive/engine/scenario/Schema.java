package org.jdive.engine.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.backend.Backends;

/**
 * The scenario schema: the keys every scenario may give ({@link #COMMON}) and, through the registered
 * {@link TrainerKind}s, the keys of each kind of agent or model.
 */
public final class Schema {

    /** Selects the agent (reinforcement learning). */
    public static final Key AGENT_KIND = Key.optional("agent.kind",
            new ValueType.Choice(() -> Trainers.names("agent"), "an agent kind (see below)"), null,
            "Which agent learns; give this or `model.kind`.");
    /** Selects the model (generative). */
    public static final Key MODEL_KIND = Key.optional("model.kind",
            new ValueType.Choice(() -> Trainers.names("model"), "a model kind (see below)"), null,
            "Which generative model learns; give this or `agent.kind`.");

    /** The keys of every scenario. */
    public static final List<Key> COMMON = List.of(
            Key.optional("extends", new ValueType.Text(), null,
                    "Another scenario file (relative to this one) whose keys this file overrides."),
            Key.optional("name", new ValueType.Text(), null,
                    "The name of runs of this scenario (run folders are `runs/<name>-<timestamp>`); defaults to the file name."),
            Key.optional("seed", new ValueType.Int(0, Long.MAX_VALUE), 0L,
                    "The seed of every random stream (env, exploration, initialisation), split per consumer."),
            Key.optional("backend", new ValueType.Choice(Backends::names, "a tensor backend on the class path: cpu, opencl, djl or auto"),
                    "cpu", "The tensor backend (`jdive list` shows those on the class path)."),
            AGENT_KIND,
            MODEL_KIND,
            Key.optional("log.every", new ValueType.Int(1, Long.MAX_VALUE), 100L,
                    "Write a metrics row (and a progress line) every this many budget units."),
            Key.optional("checkpoint.every", new ValueType.Int(0, Long.MAX_VALUE), 0L,
                    "Write a checkpoint every this many budget units (0: only at the end and on Ctrl-C)."),
            Key.optional("on_nonfinite", ValueType.Choice.of("stop", "warn"), "stop",
                    "When a loss or a parameter becomes NaN or infinite: `stop` the run (the summary says `diverged`, "
                            + "the last good checkpoint stays the one to resume from) or `warn` once and go on."),
            Key.optional("checkpoint.keep", new ValueType.Int(1, 1000), 2L,
                    "How many of the latest checkpoints to keep (the best evaluation's model, "
                            + "`checkpoints/best.state`, is kept besides them)."));

    private Schema() {
    }

    /** The keys a scenario of {@code kind} may give: the common ones, then the kind's. */
    public static List<Key> keysFor(TrainerKind kind) {
        List<Key> keys = new ArrayList<>(COMMON);
        keys.addAll(kind.keys());
        return keys;
    }

    /**
     * The keys a scenario of some kind of {@code section} may give (of any kind when {@code section} is null): what a
     * file whose kind is unknown is still checked against. A key is allowed when some kind of the family has it; its
     * value must suit at least one of them; it is required when every kind requires it, and it has a default
     * when all kinds agree on it.
     */
    public static List<Key> keysForFamily(String section) {
        List<TrainerKind> family = Trainers.family(section);
        Map<String, List<Key>> byPath = new LinkedHashMap<>();
        family.forEach(kind -> kind.keys().forEach(k -> byPath.computeIfAbsent(k.path(), p -> new ArrayList<>()).add(k)));
        List<Key> keys = new ArrayList<>(COMMON);
        byPath.forEach((path, variants) -> {
            List<ValueType> types = variants.stream().map(Key::type).distinct().toList();
            List<Object> defaults = variants.stream().map(Key::defaultValue).distinct().toList();
            boolean required = variants.size() == family.size() && variants.stream().allMatch(Key::required);
            ValueType type = types.size() == 1 ? types.getFirst() : new ValueType.AnyOf(types);
            keys.add(new Key(path, type, defaults.size() == 1 ? defaults.getFirst() : null, required,
                    variants.getFirst().doc()));
        });
        return keys;
    }
}
