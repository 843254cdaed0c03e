package org.jdive.rendering.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.rendering.play.HumanControls.Pad;
import org.junit.jupiter.api.Test;

class PlaySessionTest {

    private static PlaySession cartPole(double speed) {
        Env env = Envs.make("CartPole-v1");
        return new PlaySession("CartPole-v1", env, Policy.random(env, 1), speed, 1);
    }

    @Test
    void stepsAtTheChosenSpeed() {
        PlaySession s = cartPole(20);
        assertTrue(s.hudLines().get(4).endsWith("steps/s -"), "nothing measured yet");
        s.update(0.5);
        assertEquals(10, s.step());
        assertEquals(20, s.measuredStepsPerSecond(), 1e-9);
        s.update(0.025); // half a step is owed, not taken
        assertEquals(10, s.step());
        s.update(0.025);
        assertEquals(11, s.step());
    }

    @Test
    void pauseStopsTimeAndRightArrowStepsOnceOnlyWhilePaused() {
        PlaySession s = cartPole(100);
        s.apply(Command.STEP);
        assertEquals(0, s.step(), "STEP does nothing while running");
        s.apply(Command.TOGGLE_PAUSE);
        s.update(1);
        assertEquals(0, s.step());
        s.apply(Command.STEP);
        assertEquals(1, s.step());
        assertTrue(s.hudLines().get(0).contains("PAUSED"));
        s.apply(Command.TOGGLE_PAUSE);
        s.update(0.1);
        assertEquals(11, s.step());
    }

    @Test
    void speedDoublesAndHalvesWithinBounds() {
        PlaySession s = cartPole(10);
        s.apply(Command.FASTER);
        assertEquals(20, s.speed());
        s.apply(Command.SLOWER);
        s.apply(Command.SLOWER);
        assertEquals(5, s.speed());
        for (int i = 0; i < 20; i++) {
            s.apply(Command.SLOWER);
        }
        assertEquals(PlaySession.MIN_SPEED, s.speed());
        assertThrows(IllegalArgumentException.class, () -> cartPole(0));
    }

    @Test
    void episodesEndAndRestartRecordingTheirReturns() {
        PlaySession s = cartPole(1000);
        for (int i = 0; i < 3; i++) {
            s.update(1);
        }
        double[] returns = s.returns();
        assertTrue(returns.length >= 3, "random CartPole episodes last tens of steps");
        assertEquals(returns.length + 1, s.episode());
        for (double r : returns) {
            assertTrue(r >= 8 && r <= 500, "CartPole pays 1 per step: " + r);
        }
        int episode = s.episode();
        s.apply(Command.RESET);
        assertEquals(episode + 1, s.episode());
        assertEquals(0, s.step());
        assertEquals(returns.length, s.returns().length, "a reset is not a finished episode");
    }

    @Test
    void togglesAndRequests() {
        PlaySession s = cartPole(10);
        s.apply(Command.TOGGLE_HUD);
        s.apply(Command.TOGGLE_OVERLAYS);
        assertFalse(s.showHud());
        assertFalse(s.showOverlays());
        s.apply(Command.SCREENSHOT);
        assertTrue(s.takeScreenshotRequest());
        assertFalse(s.takeScreenshotRequest());
        s.apply(Command.NEXT_SWEEP);
        s.apply(Command.NEXT_SWEEP);
        s.apply(Command.PREVIOUS_SWEEP);
        assertEquals(1, s.takeSweepShift());
        assertFalse(s.quitRequested());
        s.apply(Command.QUIT);
        assertTrue(s.quitRequested());
    }

    @Test
    void hudShowsEpisodeStepReturnRewardAndAction() {
        PlaySession s = cartPole(10);
        s.step(new float[] {1});
        s.step(new float[] {0});
        String hud = String.join("\n", s.hudLines());
        assertTrue(hud.startsWith("CartPole-v1"), hud);
        assertTrue(hud.contains("episode 1   step 2"), hud);
        assertTrue(hud.contains("return 2.00   reward 1.00"), hud);
        assertTrue(hud.contains("action 0"), hud);
        assertTrue(hud.contains("speed 10/s"), hud);
    }

    @Test
    void aContinuousEnvPlaysRandomTorquesAndTheHudShowsTheLastOne() {
        Env env = Envs.make("Pendulum-v1");
        PlaySession s = new PlaySession("Pendulum-v1", env, Policy.random(env, 3), 10, 1);
        assertTrue(s.hudLines().contains("action -"));
        s.apply(Command.TOGGLE_PAUSE);
        s.apply(Command.STEP);
        float torque = s.lastAction()[0];
        assertTrue(torque >= -2 && torque <= 2, "a torque of Pendulum's box: " + torque);
        assertTrue(s.hudLines().contains(String.format(java.util.Locale.ROOT, "action %.3f", torque)), s.hudLines()
                .toString());
    }

    @Test
    void arcadeKeysMapToMinAtarActions() {
        HumanControls pad = HumanControls.forEnv("MinAtar/Breakout-v0");
        assertFalse(pad.turnBased());
        assertEquals(0, pad.heldAction(), "no key: no-op n");
        pad.press(Pad.LEFT);
        assertEquals(1, pad.heldAction(), "l");
        pad.press(Pad.UP);
        assertEquals(2, pad.heldAction(), "the last arrow pressed wins: u");
        pad.release(Pad.UP);
        assertEquals(1, pad.heldAction());
        pad.press(Pad.FIRE);
        assertEquals(5, pad.heldAction(), "f");
        pad.release(Pad.FIRE);
        pad.release(Pad.LEFT);
        pad.press(Pad.RIGHT);
        assertEquals(3, pad.heldAction(), "r");
        pad.release(Pad.RIGHT);
        pad.press(Pad.DOWN);
        assertEquals(4, pad.heldAction(), "d");
        var e = assertThrows(IllegalArgumentException.class, () -> HumanControls.forEnv("MinAtar/Breakout-v1"));
        assertTrue(e.getMessage().contains("-v0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HumanControls.forEnv("CartPole-v1"));
    }

    @Test
    void gridworldsStepOncePerKeyPress() {
        Env env = Envs.make("FrozenLake-v1", java.util.Map.of("is_slippery", false));
        PlaySession s = new PlaySession("FrozenLake-v1", env, HumanControls.forEnv("FrozenLake-v1"), 10, 0);
        s.update(5);
        assertEquals(0, s.step(), "turn-based: time alone does not step");
        s.press(Pad.RIGHT);
        s.release(Pad.RIGHT);
        s.press(Pad.RIGHT);
        s.release(Pad.RIGHT);
        s.press(Pad.DOWN);
        assertEquals(3, s.step());
        assertEquals(6, (int) s.observation()[0], "right, right, down from state 0 is state 6 (row 1, col 2)");
    }
}
