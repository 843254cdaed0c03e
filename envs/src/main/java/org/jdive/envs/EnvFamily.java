package org.jdive.envs;

import java.util.List;

/**
 * A group of envs that {@link Envs} registers at start-up. Families are found with {@link java.util.ServiceLoader}:
 * to add one, implement this interface and list the class in
 * {@code META-INF/services/org.jdive.envs.EnvFamily}.
 */
public interface EnvFamily {

    /** The ids this family adds, each with its options, time limit and factory. */
    List<EnvSpec> specs();
}
