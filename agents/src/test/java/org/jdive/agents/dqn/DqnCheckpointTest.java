package org.jdive.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Train N steps, checkpoint, resume in a fresh agent and envs to 2N: networks, optimizer state, replay
     * buffer and every episode reported equal the uninterrupted 2N run bit for bit. N is odd in vector steps, so
     * the checkpoint falls mid-episode, between target updates and between training steps.
     */
    @Test
    void aResumedRunContinuesExactlyAsTheUninterruptedOne() throws IOException {
        Path checkpoint = dir.resolve("checkpoint");
        long n = 702;
        List<String> uninterruptedEvents = new ArrayList<>();
        List<String> resumedEvents = new ArrayList<>();
        try (VectorEnv e = envs(); Dqn uninterrupted = new Dqn(e, config(), 4);
             VectorEnv e1 = envs(); Dqn firstHalf = new Dqn(e1, config(), 4)) {
            uninterrupted.listener(recorder(uninterruptedEvents)).train(2 * n);
            firstHalf.listener(recorder(resumedEvents)).train(n);
            firstHalf.save(checkpoint);
            try (VectorEnv e2 = envs(); Dqn resumed = new Dqn(e2, config(), 4)) {
                resumed.load(checkpoint);
                resumed.listener(recorder(resumedEvents)).train(n);
                assertEquals(uninterrupted.steps(), resumed.steps());
                assertEquals(uninterrupted.updates(), resumed.updates());
                assertTrue(uninterruptedEvents.size() > 20, "episodes end on both sides of the checkpoint");
                assertEquals(uninterruptedEvents, resumedEvents);
                assertSameTensors(uninterrupted.onlineNetwork().stateDict(), resumed.onlineNetwork().stateDict());
                assertSameTensors(uninterrupted.targetNetwork().stateDict(), resumed.targetNetwork().stateDict());
                assertSameTensors(uninterrupted.optimizer().stateDict(), resumed.optimizer().stateDict());
                assertArrayEquals(e.observations(), e2.observations());
            }
        }
    }

    private static DqnListener recorder(List<String> events) {
        return new DqnListener() {
            @Override
            public void onEpisode(long step, int env, double episodeReturn, int length) {
                events.add(step + ":" + env + ":" + episodeReturn + ":" + length);
            }

            @Override
            public void onUpdate(long step, float loss, double epsilon) {
                events.add("update " + step + " " + Float.floatToIntBits(loss));
            }
        };
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
