package org.jdive.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.envs.Step;
import org.jdive.envs.Transition;
import org.junit.jupiter.api.Test;

class CliffWalkingTest {

    private static final int UP = 0;
    private static final int RIGHT = 1;
    private static final int DOWN = 2;
    private static final int LEFT = 3;

    private final CliffWalking cliff = new CliffWalking(false);

    @Test
    void transitionTableMatchesGymnasium() {
        assertEquals(List.of(new Transition(1.0, 24, -1, false)), cliff.transitions(36, UP));
        assertEquals(List.of(new Transition(1.0, 36, -100, false)), cliff.transitions(36, RIGHT));
        assertEquals(List.of(new Transition(1.0, 36, -1, false)), cliff.transitions(36, LEFT));
        assertEquals(List.of(new Transition(1.0, 36, -100, false)), cliff.transitions(29, DOWN));
        assertEquals(List.of(new Transition(1.0, 47, -1, true)), cliff.transitions(35, DOWN));
        assertEquals(List.of(new Transition(1.0, 11, -1, false)), cliff.transitions(11, UP));
    }

    @Test
    void slipperyCliffSlidesSidewaysWithAThirdEach() {
        CliffWalking icy = new CliffWalking(true);
        double third = 1.0 / 3.0;
        assertEquals(List.of(new Transition(third, 24, -1, false), new Transition(third, 36, -100, false),
                new Transition(third, 36, -1, false)), icy.transitions(36, RIGHT));
    }

    @Test
    void fallingOffTheCliffCostsAHundredAndRestartsWithoutEnding() {
        assertEquals(36f, cliff.reset(0).observation()[0]);
        Step fall = cliff.step(RIGHT);
        assertEquals(-100f, fall.reward());
        assertFalse(fall.terminated());
        assertEquals(36f, fall.observation()[0]);
    }

    @Test
    void theSafePathAlongTheTopCostsOnePerStep() {
        cliff.reset(0);
        float total = 0;
        Step step = cliff.step(UP);
        total += step.reward();
        for (int i = 0; i < 11; i++) {
            step = cliff.step(RIGHT);
            total += step.reward();
        }
        step = cliff.step(DOWN);
        total += step.reward();
        assertTrue(step.terminated());
        assertEquals(47f, step.observation()[0]);
        assertEquals(-13f, total);
    }

    @Test
    void textViewIsGymnasiumsAnsiGrid() {
        cliff.reset(0);
        String expected = "o  o  o  o  o  o  o  o  o  o  o  o\n".repeat(3)
                + "x  C  C  C  C  C  C  C  C  C  C  T\n\n";
        assertEquals(expected, cliff.renderText());
    }
}
