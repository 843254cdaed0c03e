package org.jdive.envs;

import java.util.List;
import java.util.function.Function;

/**
 * How the registry builds one env id, as Gymnasium's {@code EnvSpec}.
 *
 * @param id              the Gymnasium- or MinAtar-style id, e.g. {@code "FrozenLake-v1"}
 * @param description     one line for {@code Envs.list()}
 * @param maxEpisodeSteps the time limit {@link Envs#make} applies ({@code TimeLimit}); 0 for none
 * @param optionNames     the options {@code factory} reads; {@code make} rejects any other
 * @param factory         builds the unwrapped env from validated options
 */
public record EnvSpec(String id, String description, int maxEpisodeSteps, List<String> optionNames,
                      Function<Options, Env> factory) {

    /**
     * Checks the time limit and copies the option names.
     *
     * @throws IllegalArgumentException if {@code maxEpisodeSteps} is negative
     */
    public EnvSpec {
        if (maxEpisodeSteps < 0) {
            throw new IllegalArgumentException(id + ": maxEpisodeSteps must be >= 0 (0 = no limit), got " + maxEpisodeSteps);
        }
        optionNames = List.copyOf(optionNames);
    }
}
