package org.jdive.agents.tabular;

/** Which estimate of the next state's value a one-step temporal-difference update bootstraps from. */
public enum TdRule {
    /** {@code max_a' Q(s', a')}: off-policy, learns the greedy policy's values (Watkins; D2L 17.3). */
    Q_LEARNING,
    /** {@code Q(s', a')} for the action {@code a'} actually taken next: on-policy (Sutton and Barto 6.4). */
    SARSA,
    /** {@code Σ_a' π(a'|s') Q(s', a')} under the ε-greedy policy: on-policy, lower variance (Sutton and Barto 6.6). */
    EXPECTED_SARSA
}
