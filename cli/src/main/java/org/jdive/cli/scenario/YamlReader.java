package org.jdive.cli.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
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
 * Engine's low-level API), so no object of any class is ever constructed from a file: safe on any input.
 */
public final class YamlReader {

    private static final int MAX_ALIASES = 50;

    private YamlReader() {
    }

    /** Reads a scenario file; a missing file, bad YAML or duplicate keys become problems. */
    public static Value read(Path file, String name, List<Problem> problems) {
        String text;
        try {
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
                .setAllowRecursiveKeys(false).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeReader(reader);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            Origin origin = mark == null ? Origin.file(name) : new Origin(name, mark.getLine() + 1, mark.getColumn() + 1);
            problems.add(new Problem(origin, "", "not valid YAML: " + e.getProblem()));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new Problem(Origin.file(name), "", "not valid YAML: " + e.getMessage()));
            return null;
        }
        if (root.isEmpty()) {
            return new Value(new LinkedHashMap<String, Value>(), Origin.file(name));
        }
        return convert(root.get(), origin(root.get(), name), name, problems);
    }

    private static Value convert(Node node, Origin origin, String name, List<Problem> problems) {
        if (node instanceof ScalarNode scalar) {
            return new Value(scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue(), origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<Value> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(item, origin(item, name), name, problems));
            }
            return new Value(items, origin);
        }
        MappingNode mapping = (MappingNode) node;
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
            entries.put(key.getValue(), convert(tuple.getValueNode(), keyOrigin, name, problems));
        }
        return new Value(entries, origin);
    }

    private static Origin origin(Node node, String name) {
        return node.getStartMark().map(m -> new Origin(name, m.getLine() + 1, m.getColumn() + 1))
                .orElse(Origin.file(name));
    }
}
