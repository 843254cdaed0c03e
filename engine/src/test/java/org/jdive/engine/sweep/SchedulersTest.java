package org.jdive.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The searchers and schedulers of D2L ch. 19 against their definitions, on hand-made results. */
class SchedulersTest {

    private static final Map<String, Domain> SPACE = new LinkedHashMap<>(Map.of(
            "agent.learning_rate", new Domain.LogUniform(1e-4, 1e-2)));

    @Test
    void rungLevelsGrowByEtaAndEndAtTheFullBudget() {
        assertEquals(List.of(1L, 3L, 9L, 27L), RungLevels.of(1, 27, 3));
        assertEquals(List.of(5000L, 15000L, 45000L, 50000L), RungLevels.of(5000, 50000, 3), "D2L appends r_max");
        assertEquals(List.of(10L, 20L, 40L, 50L), RungLevels.of(10, 50, 2));
    }

    @Test
    void domainsDrawWithinTheirBoundsAndGridsHitTheirEnds() {
        var rng = org.jdive.core.Rng.seeded(3);
        Domain.LogUniform lr = new Domain.LogUniform(1e-4, 1e-2);
        Domain.IntRange ints = new Domain.IntRange(10, 1000, true);
        Domain.Choice choice = new Domain.Choice(List.of("32", "64", "128"));
        int below = 0;
        for (int i = 0; i < 2000; i++) {
            double v = Double.parseDouble(lr.sample(rng));
            assertTrue(v >= 1e-4 && v <= 1e-2, "log-uniform " + v);
            below += v < 1e-3 ? 1 : 0;
            long n = Long.parseLong(ints.sample(rng));
            assertTrue(n >= 10 && n <= 1000, "log-int " + n);
            assertTrue(choice.values().contains(choice.sample(rng)));
        }
        assertEquals(1000, below, 100, "half the log-scale below 1e-3");
        assertEquals(List.of("0.0001", "0.001", "0.01"), lr.grid(3));
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), new Domain.Uniform(0, 1).grid(5));
        assertEquals(List.of("1", "2", "3"), new Domain.IntRange(1, 3, false).grid(5), "no repeated integers");
    }

    @Test
    void gridSearchVisitsEveryCombinationLastKeyFastest() {
        Map<String, Domain> space = new LinkedHashMap<>();
        space.put("a", new Domain.Choice(List.of("x", "y")));
        space.put("b", new Domain.IntRange(1, 3, false));
        GridSearcher grid = new GridSearcher(space, 3);
        List<String> seen = new ArrayList<>();
        for (Map<String, String> c; (c = grid.sampleConfiguration()) != null; ) {
            seen.add(c.get("a") + c.get("b"));
        }
        assertEquals(List.of("x1", "x2", "x3", "y1", "y2", "y3"), seen);
    }

    @Test
    void randomSearchIsTheSameForTheSameSeed() {
        RandomSearcher a = new RandomSearcher(SPACE, 7);
        RandomSearcher b = new RandomSearcher(SPACE, 7);
        RandomSearcher c = new RandomSearcher(SPACE, 8);
        Map<String, String> first = a.sampleConfiguration();
        assertEquals(first, b.sampleConfiguration());
        assertNotEquals(first, c.sampleConfiguration());
    }

    @Test
    void fifoRunsEachConfigurationToTheFullBudget() {
        FifoScheduler fifo = new FifoScheduler(new RandomSearcher(SPACE, 1), 3, 500);
        for (int i = 0; i < 3; i++) {
            Job j = fifo.suggest();
            assertEquals(i, j.trial());
            assertEquals(500, j.budget());
        }
        assertNull(fifo.suggest());
    }

    @Test
    void successiveHalvingPromotesTheBestThirdOnceARungIsComplete() {
        SuccessiveHalving sh = new SuccessiveHalving(new RandomSearcher(SPACE, 1), 9, 1, 9, 3);
        List<Job> first = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Job j = sh.suggest();
            assertEquals(new Job(i, j.config(), 1, 0), j);
            first.add(j);
        }
        assertNull(sh.suggest(), "the rung is not complete: nothing to start");
        for (Job j : first.reversed()) { // reported in any order; error: 8 - trial, so trials 8, 7, 6 are best
            sh.update(j, 8 - j.trial());
            if (j.trial() > 0) {
                assertNull(sh.suggest());
            }
        }
        List<Job> second = List.of(sh.suggest(), sh.suggest(), sh.suggest());
        assertEquals(List.of(8, 7, 6), second.stream().map(Job::trial).toList());
        second.forEach(j -> assertEquals(3, j.budget()));
        assertEquals(first.get(8).config(), second.getFirst().config(), "a promoted trial keeps its configuration");
        assertNull(sh.suggest());
        sh.update(second.get(0), 5);
        sh.update(second.get(1), 2);
        sh.update(second.get(2), 9);
        Job last = sh.suggest();
        assertEquals(new Job(7, first.get(7).config(), 9, 2), last);
        sh.update(last, 0);
        assertNull(sh.suggest(), "one round of 9 + 3 + 1 jobs");
    }

    @Test
    void ashaPromotesFromTheTopOfARungWithoutWaitingForIt() {
        Asha asha = new Asha(new RandomSearcher(SPACE, 1), 5, 1, 9, 3);
        Job t0 = asha.suggest();
        Job t1 = asha.suggest();
        asha.update(t0, 5);
        asha.update(t1, 1);
        Job t2 = asha.suggest();
        assertEquals(2, t2.trial(), "two results: ⌊2/3⌋ = 0 promotable, so a new configuration");
        asha.update(t2, 3);
        Job promoted = asha.suggest();
        assertEquals(new Job(1, t1.config(), 3, 1), promoted, "three results: the best third (trial 1) goes on");
        Job t3 = asha.suggest();
        assertEquals(new Job(3, t3.config(), 1, 0), t3, "trial 1 went on once; nothing else is promotable");
        asha.update(promoted, 2);
        asha.update(t3, 0.5);
        assertEquals(new Job(3, t3.config(), 3, 1), asha.suggest(),
                "rung 0 now has four results and trial 3 is its best: it goes on, though trial 1 did before it");
        Job t4 = asha.suggest();
        assertEquals(4, t4.trial());
        assertNull(asha.suggest(), "five configurations started, nothing promotable until more results come");
    }

    @Test
    void hyperbandBracketSizesAreLiEtAls() {
        // R = 81, η = 3 (Li et al. 2018, table 1): s_max = 4, brackets of 81, 34, 15, 8 and 5 configurations
        assertEquals(List.of(81, 34, 15, 8, 5),
                List.of(4, 3, 2, 1, 0).stream().map(s -> Hyperband.bracketSize(4, s, 3)).toList());
    }

    @Test
    void hyperbandRunsSuccessiveHalvingFromEachRungThenRandomSearchAtTheFullBudget() {
        // levels 1, 3, 9: brackets of 9 trials from budget 1 (9, 3, 1), 5 from budget 3 (5, 1) and 3 at budget 9
        Hyperband hb = new Hyperband(new RandomSearcher(SPACE, 1), 1, 9, 3);
        List<Job> all = new ArrayList<>();
        for (Job job = hb.suggest(); job != null && all.size() < 100; job = hb.suggest()) { // one worker
            all.add(job);
            hb.update(job, job.trial()); // lower trials are better
        }
        assertEquals(9 + 3 + 1 + 5 + 1 + 3, all.size());
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L), all.subList(0, 9).stream().map(Job::budget).toList());
        assertEquals(List.of(0, 1, 2), all.stream().filter(j -> j.budget() == 3 && j.rung() == 1 && j.trial() < 9)
                .map(Job::trial).toList(), "bracket 1 promotes its best third");
        assertEquals(new Job(0, all.getFirst().config(), 9, 2), all.get(12), "and then its best to the full budget");
        assertEquals(List.of(9, 10, 11, 12, 13), all.stream().filter(j -> j.trial() >= 9 && j.trial() < 14
                && j.budget() == 3).map(Job::trial).toList(), "bracket 2 starts at the second rung");
        assertEquals(List.of(14, 15, 16), all.stream().filter(j -> j.trial() >= 14).map(Job::trial).toList(),
                "the last bracket runs three configurations at the full budget once each");
        assertTrue(all.stream().filter(j -> j.trial() >= 14).allMatch(j -> j.budget() == 9 && j.rung() == 2));
        assertEquals(17, all.stream().map(Job::trial).distinct().count(), "trials are numbered across brackets");
    }
}
