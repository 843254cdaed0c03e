package org.jdive.engine.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The registry of {@link TrainerKind}s found on the class path. */
public final class Trainers {

    private static final List<TrainerKind> KINDS = load();

    private Trainers() {
    }

    private static List<TrainerKind> load() {
        List<TrainerKind> kinds = new ArrayList<>();
        ServiceLoader.load(TrainerKind.class, Trainers.class.getClassLoader()).forEach(kinds::add);
        kinds.sort(Comparator.comparing(TrainerKind::section).thenComparing(TrainerKind::name));
        return List.copyOf(kinds);
    }

    /** Every registered kind, agents first, by name. */
    public static List<TrainerKind> all() {
        return KINDS;
    }

    /** The names of the kinds of one section ({@code agent} or {@code model}). */
    public static List<String> names(String section) {
        return KINDS.stream().filter(k -> k.section().equals(section)).map(TrainerKind::name).toList();
    }

    /** The kinds of {@code section} ({@code agent} or {@code model}), or every kind when {@code section} is null. */
    public static List<TrainerKind> family(String section) {
        return KINDS.stream().filter(k -> section == null || k.section().equals(section)).toList();
    }

    /**
     * The checks that every kind of {@code section} runs (every kind's, when {@code section} is null): what can still
     * be checked of a file whose kind is unknown.
     */
    public static List<TrainerKind.Check> sharedChecks(String section) {
        List<TrainerKind> family = family(section);
        if (family.isEmpty()) {
            return List.of();
        }
        List<TrainerKind.Check> shared = new ArrayList<>(family.getFirst().checks());
        family.forEach(k -> shared.retainAll(k.checks()));
        return List.copyOf(shared);
    }

    /** The kind named {@code name} in {@code section}, or null. */
    public static TrainerKind find(String section, String name) {
        return KINDS.stream().filter(k -> k.section().equals(section) && k.name().equals(name)).findFirst().orElse(null);
    }
}
