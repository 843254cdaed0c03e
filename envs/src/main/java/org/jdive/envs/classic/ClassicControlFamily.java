package org.jdive.envs.classic;

import java.util.List;
import org.jdive.envs.EnvFamily;
import org.jdive.envs.EnvSpec;

/** Registers Gymnasium's classic-control envs with their Gymnasium ids, options and time limits. */
public final class ClassicControlFamily implements EnvFamily {

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public ClassicControlFamily() {
    }

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("CartPole-v1", "balance a pole on a cart by pushing it left or right",
                        500, List.of("sutton_barto_reward"), o -> new CartPole(o.bool("sutton_barto_reward", false))),
                new EnvSpec("MountainCar-v0", "rock an underpowered car up a hill to the flag",
                        200, List.of("goal_velocity"), o -> new MountainCar(o.number("goal_velocity", 0.0))),
                new EnvSpec("Acrobot-v1", "swing the tip of a two-link pendulum above the line",
                        500, List.of(), o -> new Acrobot()),
                new EnvSpec("Pendulum-v1", "swing a pendulum upright and hold it there with a continuous torque",
                        200, List.of("g"), o -> new Pendulum(o.number("g", 10.0))),
                new EnvSpec("MountainCarContinuous-v0", "drive an underpowered car up a hill with a continuous force",
                        999, List.of("goal_velocity"), o -> new MountainCarContinuous(o.number("goal_velocity", 0.0))));
    }
}
