package org.jdive.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdive.core.Tensor;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DqnCheckpointTest {

    @TempDir
    Path dir;

    private static DqnConfig config() {
        return new DqnConfig().numEnvs(2).learningStarts(200).batchSize(32).trainFrequency(2)
                .targetUpdateInterval(100).bufferSize(2_000).nSteps(2).prioritized(0.6, 0.4, 5_000);
    }

    private static VectorEnv envs() {
        return Envs.makeVector("CartPole-v1", Map.of(), 2, AutoresetMode.SAME_STEP, 1);
    }

    private static void assertSameTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), name);
        }
    }

    @Test
    void aResumedAgentHasTheSavedStateAndResumesReproducibly() throws IOException {
        Path checkpoint = dir.resolve("run/checkpoint");
        try (VectorEnv e = envs(); Dqn original = new Dqn(e, config(), 9)) {
            original.train(600);
            original.save(checkpoint);
            original.train(100);
            original.save(checkpoint); // replaces the folder as a whole
            try (VectorEnv e1 = envs(); Dqn first = new Dqn(e1, config(), 9);
                 VectorEnv e2 = envs(); Dqn second = new Dqn(e2, config(), 9)) {
                first.load(checkpoint);
                second.load(checkpoint);
                assertEquals(original.steps(), first.steps());
                assertEquals(original.updates(), first.updates());
                assertEquals(original.replayBuffer().size(), first.replayBuffer().size());
                assertSameTensors(original.onlineNetwork().stateDict(), first.onlineNetwork().stateDict());
                assertSameTensors(original.targetNetwork().stateDict(), first.targetNetwork().stateDict());
                assertSameTensors(original.optimizer().stateDict(), first.optimizer().stateDict());

                first.train(300);
                second.train(300);
                assertEquals(1_000, first.steps());
                assertSameTensors(first.onlineNetwork().stateDict(), second.onlineNetwork().stateDict());
            }
        }
        try (var files = Files.list(checkpoint.getParent())) {
            assertEquals(1, files.count(), "only the checkpoint folder remains, no temporary or old copy");
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRejected() throws IOException {
        Path checkpoint = dir.resolve("checkpoint");
        try (VectorEnv e = envs(); Dqn saved = new Dqn(e, config(), 1)) {
            saved.train(300);
            saved.save(checkpoint);
        }
        try (VectorEnv e = envs(); Dqn other = new Dqn(e, config(), 2)) {
            IOException wrongSeed = assertThrows(IOException.class, () -> other.load(checkpoint));
            assertTrue(wrongSeed.getMessage().contains("seed 1"), wrongSeed.getMessage());
        }
        try (VectorEnv e = envs(); Dqn wider = new Dqn(e, config().hidden(64, 64), 1)) {
            assertThrows(IOException.class, () -> wider.load(checkpoint), "a different network shape");
        }
    }
}
