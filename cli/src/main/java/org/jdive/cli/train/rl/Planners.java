package org.jdive.cli.train.rl;

import java.util.List;
import org.jdive.agents.tabular.Mdp;
import org.jdive.cli.scenario.Scenario;
import org.jdive.cli.train.TrainerKind.Check;
import org.jdive.envs.Env;

/** What the planning kinds (value and policy iteration) share: the env's transition model. */
final class Planners {

    private Planners() {
    }

    /** The check that the scenario's env has a transition model, naming {@code kind} in its problem. */
    static Check needsModel(String kind) {
        return RlKeys.onEnv((scenario, env) -> {
            try {
                Mdp.of(env);
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(scenario.problem(RlKeys.ENV_ID.path(), kind + " needs an env with a transition model: "
                        + e.getMessage()));
            }
        });
    }

    /** The transition model of the scenario's env (which {@link #needsModel} has checked). */
    static Mdp mdp(Scenario scenario) {
        try (Env env = RlKeys.makeEnv(scenario)) {
            return Mdp.of(env);
        }
    }
}
