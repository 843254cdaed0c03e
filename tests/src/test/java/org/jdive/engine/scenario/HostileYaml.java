package org.jdive.engine.scenario;

import java.util.List;

/** YAML built to exhaust the stack or memory of a reader, each with the problem jdive must report instead. */
public final class HostileYaml {

    /** A document and words its one problem must contain. */
    public record Case(String name, String text, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileYaml() {
    }

    public static List<Case> cases() {
        return List.of(
                new Case("a list that contains itself", "a: &a [*a]\n", "the alias *a refers to a list or mapping that contains it"),
                new Case("a mapping that contains itself", "env: &e\n  id: FrozenLake-v1\n  self: *e\n",
                        "the alias *e refers to a list or mapping that contains it"),
                new Case("an alias bomb within the alias limit", aliasBomb(24), "expands to more than 100000 values"),
                new Case("the billion laughs", billionLaughs(), "not valid YAML: Number of aliases for non-scalar nodes exceeds"),
                new Case("deeply nested lists", "a: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n", "nested deeper than 64 levels"),
                new Case("deeply nested mappings", "a: " + "{b: ".repeat(20_000) + "1" + "}".repeat(20_000) + "\n",
                        "nested deeper than 64 levels"),
                new Case("a huge document", "seed: 1\nnotes: \"" + "x".repeat(3 << 20) + "\"\n",
                        "the file is 3.0 MiB; a scenario, suite or sweep file may be at most 1024 KiB"));
    }

    /** {@code levels} lines, each a list of the one before twice: 2^levels values from 2·levels aliases. */
    private static String aliasBomb(int levels) {
        StringBuilder b = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= levels; i++) {
            b.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        return b.toString();
    }

    /** The classic: nine levels of nine aliases. */
    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol]\n");
        for (int i = 1; i <= 9; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        return b.toString();
    }
}
