package org.jdive.agents.kinds;

import java.util.List;
import org.jdive.agents.tabular.Mdp;
import org.jdive.envs.Env;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;

/**
 * What the planning kinds (value and policy iteration) share: they are agents that plan on the env's transition
 * model, which a check makes sure exists, and that `jdive play` shows planning before it plays.
 */
abstract class PlannerKind implements TrainerKind {

    private final String name;
    private final String description;
    private final String unit;
    private final List<Key> keys;

    PlannerKind(String name, String description, String unit, List<Key> ownKeys) {
        this.name = name;
        this.description = description;
        this.unit = unit;
        this.keys = RlKeys.with(ownKeys);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String section() {
        return "agent";
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final List<Key> keys() {
        return keys;
    }

    /** The shared RL checks, and that the env has a transition model (naming this kind in the problem). */
    @Override
    public final List<Check> checks() {
        return RlKeys.checksWith(RlKeys.onEnv((scenario, env) -> {
            try {
                Mdp.of(env);
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(scenario.problem(RlKeys.ENV_ID.path(), name + " needs an env with a transition model: "
                        + e.getMessage()));
            }
        }));
    }

    @Override
    public final Untrained untrained() {
        return Untrained.PLAN_THEN_PLAY;
    }

    /** The transition model of the scenario's env (which {@link #checks} has made sure exists). */
    static Mdp mdp(Scenario scenario) {
        try (Env env = RlKeys.makeEnv(scenario)) {
            return Mdp.of(env);
        }
    }
}
