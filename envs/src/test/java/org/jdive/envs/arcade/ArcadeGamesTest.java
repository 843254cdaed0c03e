package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jdive.envs.Frame;
import org.jdive.envs.spaces.Discrete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every arcade game shares: observation layout, action sets, seeding, sticky actions, rendering. */
class ArcadeGamesTest {

    private static Stream<Arguments> games() {
        return Stream.of(
                Arguments.of("breakout", (Function<ArcadeSettings, ArcadeGame>) Breakout::new, 4, "nlr"),
                Arguments.of("space_invaders", (Function<ArcadeSettings, ArcadeGame>) SpaceInvaders::new, 6, "nlrf"),
                Arguments.of("freeway", (Function<ArcadeSettings, ArcadeGame>) Freeway::new, 7, "nud"),
                Arguments.of("asterix", (Function<ArcadeSettings, ArcadeGame>) Asterix::new, 4, "nlurd"),
                Arguments.of("seaquest", (Function<ArcadeSettings, ArcadeGame>) s -> new Seaquest(s, true), 10,
                        "nlurdf"),
                Arguments.of("pong", (Function<ArcadeSettings, ArcadeGame>) Pong::new, 4, "nlr"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void observationsAreBinaryTenByTenGridsWithMinAtarsChannelCount(String name,
            Function<ArcadeSettings, ArcadeGame> factory, int channels, String minimal) {
        ArcadeGame game = factory.apply(ArcadeSettings.MINATAR);
        assertArrayEquals(new int[] {10, 10, channels}, game.observationSpace().shape());
        assertEquals(channels, game.channelNames().length);
        UniformRandomProvider policy = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        float[] obs = game.reset(1).observation();
        for (int step = 0; step < 3000; step++) {
            assertTrue(game.observationSpace().contains(obs));
            for (float v : obs) {
                assertTrue(v == 0f || v == 1f, name + ": value " + v);
            }
            obs = game.lastTerminated() ? game.reset().observation() : game.step(policy.nextInt(6)).observation();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void minimalActionSetsAreMinAtars(String name, Function<ArcadeSettings, ArcadeGame> factory, int channels,
            String minimal) {
        ArcadeGame full = factory.apply(ArcadeSettings.MINATAR);
        ArcadeGame small = factory.apply(ArcadeSettings.MINATAR.withMinimalActionSet(true));
        assertEquals(new Discrete(6), full.actionSpace());
        assertEquals(new Discrete(minimal.length()), small.actionSpace());
        int[] expected = minimal.chars().map("nlurdf"::indexOf).toArray();
        assertArrayEquals(expected, small.actionSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void theSameSeedAndActionsGiveTheSameEpisodeAndStepIntoMatchesStep(String name,
            Function<ArcadeSettings, ArcadeGame> factory, int channels, String minimal) {
        ArcadeGame a = factory.apply(ArcadeSettings.MINATAR);
        ArcadeGame b = factory.apply(ArcadeSettings.MINATAR);
        a.reset(99);
        for (int i = 0; i < 50; i++) {
            a.step(i % 6);
        }
        assertArrayEquals(a.reset(5).observation(), b.reset(5).observation());
        UniformRandomProvider policy = RandomSource.XO_RO_SHI_RO_128_PP.create(2L);
        float[] into = new float[10 * 10 * channels + 3];
        for (int step = 0; step < 500 && !a.lastTerminated(); step++) {
            int action = policy.nextInt(6);
            var expected = a.step(action);
            b.stepInto(action, into, 3);
            assertArrayEquals(expected.observation(), Arrays.copyOfRange(into, 3, into.length));
            assertEquals(expected.reward(), b.lastReward());
            assertEquals(expected.terminated(), b.lastTerminated());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("games")
    void rendersAFrameOfSixteenPixelCellsAndATenLineTextGrid(String name,
            Function<ArcadeSettings, ArcadeGame> factory, int channels, String minimal) {
        ArcadeGame game = factory.apply(ArcadeSettings.MINATAR);
        game.reset(3);
        Frame frame = game.render();
        assertEquals(160, frame.width());
        assertEquals(160, frame.height());
        List<String> lines = game.renderText().lines().toList();
        assertEquals(11, lines.size());
        assertTrue(lines.subList(0, 10).stream().allMatch(l -> l.length() == 10));
        assertTrue(lines.get(10).contains(game.channelNames()[0]));
    }

    /**
     * Breakout's paddle shows which action was taken: every step chooses the move opposite to the last one
     * taken, so a step that moves the paddle the same way as the previous one was sticky.
     */
    @Test
    void aboutOneStepInTenRepeatsThePreviousAction() {
        Breakout game = new Breakout(ArcadeSettings.MINATAR.withMinimalActionSet(true));
        game.reset(17);
        game.clearBricks();
        int left = 1;
        int right = 2;
        int previous = left;
        int sticky = 0;
        int steps = 20_000;
        for (int i = 0; i < steps; i++) {
            game.setPaddle(5);
            game.place(0, 0, 1, 1);
            float[] obs = game.step(previous == left ? right : left).observation();
            int taken = obs[(9 * 10 + 4) * 4] == 1f ? left : right;
            sticky += taken == previous ? 1 : 0;
            previous = taken;
        }
        // Binomial(20000, 0.1): standard deviation 42 steps, 0.0021; 5 sigma is about 0.011.
        assertEquals(0.1, sticky / (double) steps, 0.011);
    }

    @Test
    void withoutStickyActionsEveryStepTakesTheChosenAction() {
        Breakout game = new Breakout(ArcadeSettings.MINATAR.withStickyActionProb(0).withMinimalActionSet(true));
        game.reset(17);
        game.clearBricks();
        for (int i = 0; i < 1000; i++) {
            game.setPaddle(5);
            game.place(0, 0, 1, 1);
            int action = 1 + i % 2;
            float[] obs = game.step(action).observation();
            assertEquals(1f, obs[(9 * 10 + (action == 1 ? 4 : 6)) * 4]);
        }
    }
}
