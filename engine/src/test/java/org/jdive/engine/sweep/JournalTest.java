package org.jdive.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal replayed into a fresh scheduler brings it to the same decisions. */
class JournalTest {

    @TempDir
    Path dir;

    private static Asha asha(long seed) {
        Map<String, Domain> space = new LinkedHashMap<>();
        space.put("agent.learning_rate", new Domain.LogUniform(1e-4, 1e-2));
        space.put("agent.batch_size", new Domain.Choice(List.of("32", "64")));
        return new Asha(new RandomSearcher(space, seed), 12, 10, 90, 3);
    }

    @Test
    void aReplayedSchedulerSuggestsWhatTheOriginalWouldHave() throws IOException {
        Asha original = asha(4);
        Journal journal = new Journal(dir);
        List<Job> running = new ArrayList<>();
        double at = 0;
        for (int step = 0; step < 14; step++) { // two workers: start, start, report the older, start, ...
            while (running.size() < 2) {
                Job j = original.suggest();
                journal.started(j, at += 1);
                running.add(j);
            }
            Job done = running.removeFirst();
            double error = (done.trial() * 7 % 5) - done.rung();
            journal.reported(new TrialResult(done, -error, error, 1.5, at += 1));
            original.update(done, error);
        }
        Asha replayed = asha(4);
        Journal.Replay replay = new Journal(dir).replay(replayed);
        assertEquals(running, replay.unfinished(), "started, not reported: to run again");
        assertEquals(14, replay.results().size());
        assertEquals(at, replay.elapsed());
        for (int i = 0; i < 5; i++) {
            Job next = original.suggest();
            assertEquals(next, replayed.suggest());
            if (next != null) {
                original.update(next, i);
                replayed.update(next, i);
            }
        }
    }

    @Test
    void aJournalTheSweepNoLongerMatchesIsRefused() throws IOException {
        Journal journal = new Journal(dir);
        journal.started(asha(4).suggest(), 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Journal(dir).replay(asha(5)));
        assertTrue(e.getMessage().contains("was the sweep file changed?"), e.getMessage());
        assertTrue(e.getMessage().contains(Journal.FILE + ":1"), e.getMessage());
    }

    @Test
    void anInfiniteErrorComesBackAsOne() throws IOException {
        Asha a = asha(1);
        Journal journal = new Journal(dir);
        Job j = a.suggest();
        journal.started(j, 1);
        journal.reported(new TrialResult(j, Double.NaN, Double.POSITIVE_INFINITY, 1, 2));
        assertTrue(Files.readString(dir.resolve(Journal.FILE)).contains("\"value\":null"));
        Journal.Replay replay = new Journal(dir).replay(asha(1));
        assertEquals(Double.POSITIVE_INFINITY, replay.results().getFirst().error());
        assertTrue(Double.isNaN(replay.results().getFirst().value()));
    }

    @Test
    void aLastLineCutShortIsAsIfUnwrittenButABrokenLineBeforeItIsAnError() throws IOException {
        Asha a = asha(2);
        Journal journal = new Journal(dir);
        Job j = a.suggest();
        journal.started(j, 1);
        journal.reported(new TrialResult(j, 3, -3, 1, 2));
        String whole = Files.readString(dir.resolve(Journal.FILE));
        Files.writeString(dir.resolve(Journal.FILE), whole.substring(0, whole.length() - 20));
        Journal.Replay replay = new Journal(dir).replay(asha(2));
        assertEquals(List.of(j), replay.unfinished(), "the report was cut short: the job runs again");
        Files.writeString(dir.resolve(Journal.FILE), "{\"event\":\"sta\n" + whole);
        assertThrows(IllegalStateException.class, () -> new Journal(dir).replay(asha(2)));
    }
}
