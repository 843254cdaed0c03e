package org.jdive.engine.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML into {@link Value}s with their line and column. It composes the node graph only (SnakeYAML
 * Engine's low-level API), so no object of any class is ever constructed from a file: safe on any input. Input
 * that would exhaust memory or the stack is a problem like any other: files over {@link #MAX_BYTES}, nesting
 * deeper than {@link #MAX_DEPTH}, an alias inside the collection it names, and aliases that expand to more than
 * {@link #MAX_VALUES} values (an "alias bomb": a few lines, each repeating the one before several times).
 */
public final class YamlReader {

    /** Scenario, suite and sweep files are a few kilobytes. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 64;
    static final int MAX_VALUES = 100_000;
    private static final int MAX_ALIASES = 50;

    private YamlReader() {
    }

    /** Reads a scenario file; a missing file, bad YAML or duplicate keys become problems. */
    public static Value read(Path file, String name, List<Problem> problems) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                problems.add(new Problem(Origin.file(name), "", String.format(Locale.ROOT,
                        "the file is %.1f MiB; a scenario, suite or sweep file may be at most %d KiB",
                        size / (double) (1 << 20), MAX_BYTES >> 10)));
                return null;
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(new Problem(Origin.file(name), "", "no such file"));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(Origin.file(name), "", "cannot read the file: " + e.getMessage()));
            return null;
        }
        return read(new StringReader(text), name, problems);
    }

    /** Reads YAML text from {@code reader}, naming it {@code name} in problems. */
    public static Value read(Reader reader, String name, List<Problem> problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(name).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false).setCodePointLimit(MAX_BYTES).build();
        Optional<Node> root;
        try {
            String text = readAll(reader);
            Problem tooDeep = nestingProblem(settings, text, name);
            if (tooDeep != null) {
                problems.add(tooDeep);
                return null;
            }
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            Origin origin = mark == null ? Origin.file(name) : new Origin(name, mark.getLine() + 1, mark.getColumn() + 1);
            problems.add(new Problem(origin, "", "not valid YAML: " + e.getProblem()));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new Problem(Origin.file(name), "", "not valid YAML: " + e.getMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(Origin.file(name), "", "cannot read: " + e.getMessage()));
            return null;
        }
        if (root.isEmpty()) {
            return new Value(new LinkedHashMap<String, Value>(), Origin.file(name));
        }
        try {
            return new Converter(name, problems).convert(root.get(), origin(root.get(), name));
        } catch (Refused e) {
            problems.add(e.problem);
            return null;
        }
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[8192];
        for (int n; (n = reader.read(chunk)) >= 0; ) {
            text.append(chunk, 0, n);
            if (text.length() > MAX_BYTES) {
                throw new IOException("more than " + (MAX_BYTES >> 10) + " KiB of YAML");
            }
        }
        return text.toString();
    }

    /**
     * The first collection nested deeper than {@link #MAX_DEPTH}, found on the event stream (which the parser
     * produces without recursion) before the composer, which recurses once per level, would meet it.
     */
    private static Problem nestingProblem(LoadSettings settings, String text, String name) {
        int depth = 0;
        for (Event event : new Parse(settings).parseString(text)) {
            if (event instanceof CollectionStartEvent) {
                if (++depth > MAX_DEPTH) {
                    Origin origin = event.getStartMark().map(m -> new Origin(name, m.getLine() + 1, m.getColumn() + 1))
                            .orElse(Origin.file(name));
                    return new Problem(origin, "", "lists and mappings nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
        return null;
    }

    /** Thrown out of the recursion when the document is not a tree of a scenario's size. */
    private static final class Refused extends RuntimeException {
        final transient Problem problem;

        Refused(Problem problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    /** Turns the node graph into values, refusing graphs that are not trees of a sensible size. */
    private static final class Converter {
        private final String name;
        private final List<Problem> problems;
        /** The lists and mappings from the root to the node being converted: an alias to one of them recurses. */
        private final Set<Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
        private int values;

        Converter(String name, List<Problem> problems) {
            this.name = name;
            this.problems = problems;
        }

        Value convert(Node node, Origin origin) {
            if (++values > MAX_VALUES) {
                throw new Refused(new Problem(origin, "", "the document expands to more than " + MAX_VALUES
                        + " values (aliases that repeat aliases?)"));
            }
            if (node instanceof ScalarNode scalar) {
                return new Value(scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(), origin);
            }
            if (!path.add(node)) {
                String anchor = node.getAnchor().map(a -> " *" + a.getValue()).orElse("");
                throw new Refused(new Problem(origin, "", "the alias" + anchor
                        + " refers to a list or mapping that contains it; a scenario is a tree"));
            }
            Value value = node instanceof SequenceNode sequence ? sequence(sequence, origin) : mapping((MappingNode) node, origin);
            path.remove(node);
            return value;
        }

        private Value sequence(SequenceNode sequence, Origin origin) {
            List<Value> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, origin(item, name)));
            }
            return new Value(items, origin);
        }
        private Value mapping(MappingNode mapping, Origin origin) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Origin keyOrigin = origin(tuple.getKeyNode(), name);
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    problems.add(new Problem(keyOrigin, "", "keys must be plain names, not lists or mappings"));
                    continue;
                }
                if (entries.containsKey(key.getValue())) {
                    problems.add(new Problem(keyOrigin, key.getValue(), "given twice (first at line "
                            + entries.get(key.getValue()).origin().line() + ")"));
                    continue;
                }
                entries.put(key.getValue(), convert(tuple.getValueNode(), keyOrigin));
            }
            return new Value(entries, origin);
        }
    }

    private static Origin origin(Node node, String name) {
        return node.getStartMark().map(m -> new Origin(name, m.getLine() + 1, m.getColumn() + 1))
                .orElse(Origin.file(name));
    }
}
