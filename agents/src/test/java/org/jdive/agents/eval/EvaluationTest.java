package org.jdive.agents.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.jdive.agents.Policy;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void meanAndStdOfReturns() {
        EvaluationResult r = new EvaluationResult(new double[] {1, 2, 3, 6}, new int[] {1, 1, 1, 1});
        assertEquals(3, r.mean(), 1e-12);
        assertEquals(Math.sqrt(3.5), r.std(), 1e-12);
        assertEquals(1.0, r.successRate(), 0);
    }

    @Test
    void playsWholeEpisodesUntilTheTimeLimit() {
        Env env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false, Envs.MAX_EPISODE_STEPS, 7));
        EvaluationResult stuck = Evaluation.run(env, (Policy) obs -> 0, 3, 0); // always left: stays at the start
        assertEquals(0, stuck.mean(), 0);
        assertEquals(7, stuck.meanLength(), 0);
        EvaluationResult cartPole = Evaluation.run(Envs.make("CartPole-v1"), (Policy) obs -> obs[2] > 0 ? 1 : 0, 5, 1);
        assertEquals(5, cartPole.episodes());
        assertEquals(cartPole.mean(), cartPole.meanLength(), 1e-12, "CartPole pays 1 per step");
        assertThrows(IllegalArgumentException.class, () -> Evaluation.run(env, (Policy) obs -> 0, 0, 0));
    }
}
