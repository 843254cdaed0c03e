package org.jdive.engine.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** scenarios/README.md is generated from the schema and must be current. */
class SchemaDocsTest {

    static final Path README = Path.of("..", "scenarios", "README.md");

    @Test
    void theCommittedReferenceMatchesTheSchema() throws IOException {
        assertEquals(SchemaDocs.markdown(), Files.readString(README),
                "scenarios/README.md is stale: regenerate it with ./jdive scenario-docs > scenarios/README.md");
    }

    @Test
    void everyKeyOfEveryKindIsDocumented() {
        String docs = SchemaDocs.markdown();
        for (TrainerKind kind : Trainers.all()) {
            for (Key key : kind.keys()) {
                assertTrue(docs.contains("| `" + key.path() + "` | " + key.type().describe()), key.path());
            }
        }
    }
}
