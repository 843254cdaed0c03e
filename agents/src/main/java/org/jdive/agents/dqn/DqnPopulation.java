package org.jdive.agents.dqn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.agents.Policy;
import org.jdive.agents.TargetNetworks;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.agents.replay.Batch;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.loss.Losses;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.Optimizer;
import org.jdive.envs.vector.VectorEnv;

/**
 * A population of DQN agents trained in lockstep, as PureJaxRL and gymnax {@code vmap} a run over seeds: member
 * {@code i} plays its own vector env with its own seed {@code s_i} — its exploration, replay buffer and random streams
 * are those of a {@link Dqn} with that seed ({@link DqnPlay}) — while the members' Q-networks are stacked along a
 * leading member axis ({@link StackedMlp}), so that each forward and backward pass, for acting and for learning, is
 * one set of tensor ops for all members and the per-op overhead is paid once. On the CPU backend member {@code i}'s
 * losses, episodes and parameters equal those of a single {@link Dqn} with seed {@code s_i}, bit for bit.
 *
 * <p>The members share one config but for the learning rate, which may differ per member (a learning-rate sweep as
 * one population): the MLP torso, Adam (elementwise, so one update of the stacked parameters is each member's own;
 * {@link MemberAdam}), no gradient clipping. Each update's loss is the sum of the members' mean losses;
 * member {@code i}'s parameters receive exactly the gradient of its own mean.
 *
 * <p>{@link #save} writes one ordinary DQN checkpoint folder per member ({@link #memberFolder}), which
 * {@link Dqn#load} with that member's seed reads as well.
 */
public final class DqnPopulation implements AutoCloseable {

    private final DqnConfig config;
    private final long[] seeds;
    private final int members;
    private final int numEnvs;
    private final int observationSize;
    private final int numActions;
    private final DqnPlay[] plays;
    private final DqnListener[] listeners;
    private final StackedMlp online;
    private final StackedMlp target;
    private final Optimizer optimizer;
    private final EpsilonSchedule epsilon;
    /** The members' current observations side by side, {@code [members, numEnvs, observationSize]}. */
    private final float[] actingObservations;
    private final float[] observations;
    private final float[] nextObservations;
    private final float[] returns;
    private final float[] discounts;
    private final float[] actions;
    private final float[] weights;
    private long steps;
    private long vectorSteps;
    private long updates;

    /**
     * A population of {@code seeds.length} members, member {@code i} playing {@code envs.get(i)} with seed
     * {@code seeds[i]}; nothing runs until {@link #train}.
     *
     * @param envs one vector env per member, each as {@link Dqn} needs it (the same env id and options for all); the
     *             population does not close them
     * @throws IllegalArgumentException if the config is invalid, uses what a population does not batch yet (MinAtar's
     *                                  torso, RMSProp, gradient clipping), or does not suit the envs
     */
    public DqnPopulation(List<VectorEnv> envs, DqnConfig config, long[] seeds) {
        this(envs, config, seeds, sameFor(seeds, config.learningRate));
    }

    /**
     * A population whose member {@code i} learns with {@code learningRates[i]} in place of the config's: a sweep of
     * learning rates as one population, member {@code i} equal to a single run with that rate and seed.
     *
     * @throws IllegalArgumentException as {@link #DqnPopulation(List, DqnConfig, long[])}, or if there is not one
     *                                  positive learning rate per seed
     */
    public DqnPopulation(List<VectorEnv> envs, DqnConfig config, long[] seeds, float[] learningRates) {
        config.validate();
        if (learningRates.length != seeds.length) {
            throw new IllegalArgumentException("a population needs one learning rate per seed, got "
                    + learningRates.length + " for " + seeds.length + " seeds");
        }
        requireBatchable(config);
        if (seeds.length == 0 || envs.size() != seeds.length) {
            throw new IllegalArgumentException("a population needs one vector env per seed and at least one member, got "
                    + envs.size() + " envs for " + seeds.length + " seeds");
        }
        this.config = config;
        this.seeds = seeds.clone();
        this.members = seeds.length;
        this.numEnvs = config.numEnvs;
        this.observationSize = envs.get(0).observationSize();
        this.numActions = Dqn.requireSuitable(envs.get(0), config).n();
        this.plays = new DqnPlay[members];
        this.listeners = new DqnListener[members];
        for (int i = 0; i < members; i++) {
            VectorEnv e = envs.get(i);
            if (Dqn.requireSuitable(e, config).n() != numActions || e.observationSize() != observationSize) {
                throw new IllegalArgumentException("the members' envs must have equal spaces: member " + i + "'s has "
                        + e.observationSize() + " observations and " + e.singleActionSpace() + ", member 0's "
                        + observationSize + " and " + envs.get(0).singleActionSpace());
            }
            plays[i] = new DqnPlay(e, config, seeds[i], InputLayout.AS_GIVEN, numActions);
            listeners[i] = new DqnListener() { };
        }
        this.online = network();
        for (int i = 0; i < members; i++) {
            try (Module single = singleNetwork(Rng.split(seeds[i], "init"))) {
                online.setMember(i, single);
            }
        }
        this.target = network();
        TargetNetworks.update(target, online, 1.0);
        this.optimizer = new MemberAdam(online.parameters(), learningRates, config.adamEps);
        this.epsilon = EpsilonSchedule.linear(config.explorationStart, config.explorationEnd, config.explorationSteps);
        int rows = members * config.batchSize;
        this.actingObservations = new float[members * numEnvs * observationSize];
        this.observations = new float[rows * observationSize];
        this.nextObservations = new float[rows * observationSize];
        this.returns = new float[rows];
        this.discounts = new float[rows];
        this.actions = new float[rows];
        this.weights = new float[rows];
    }

    private static float[] sameFor(long[] seeds, float learningRate) {
        float[] rates = new float[seeds.length];
        Arrays.fill(rates, learningRate);
        return rates;
    }

    /**
     * Checks that a population can batch {@code config}'s networks and updates.
     *
     * @throws IllegalArgumentException naming the setting it cannot batch yet
     */
    public static void requireBatchable(DqnConfig config) {
        if (config.minAtarTorso) {
            throw new IllegalArgumentException("a DQN population batches MLP Q-networks only so far; "
                    + "MinAtar's convolutional torso runs as single DQNs (torso: mlp, or population: 1)");
        }
        if (config.optimizer != DqnConfig.OptimizerKind.ADAM) {
            throw new IllegalArgumentException("a DQN population steps Adam only so far, got " + config.optimizer
                    + " (optimizer: adam)");
        }
        if (config.maxGradNorm > 0) {
            throw new IllegalArgumentException("a DQN population does not clip gradients yet (each member would need "
                    + "its own norm): max_grad_norm must be 0, got " + config.maxGradNorm);
        }
    }

    private StackedMlp network() {
        return new StackedMlp(members, observationSize, config.hidden, numActions, config.dueling);
    }

    private Module singleNetwork(org.apache.commons.rng.UniformRandomProvider rng) {
        return QNetworks.mlp(observationSize, config.hidden, numActions, config.dueling, rng);
    }

    /** The name of member {@code member}'s checkpoint folder inside a population's. */
    public static String memberFolder(int member) {
        return "member-" + member;
    }

    /** Whether {@code dir} holds a full checkpoint ({@link #save}) rather than only the networks. */
    public static boolean isFullCheckpoint(Path dir) {
        return DqnCheckpoint.isFull(dir.resolve(memberFolder(0)));
    }

    /** Tells {@code listener} about member {@code member}'s episodes and updates from now on. */
    public DqnPopulation listener(int member, DqnListener listener) {
        listeners[member] = listener;
        plays[member].listener(listener);
        return this;
    }

    /** Plays and learns for {@code count} more environment steps per member (rounded up to whole vector steps). */
    public void train(long count) {
        for (DqnPlay play : plays) {
            play.start();
        }
        long end = steps + count;
        while (steps < end) {
            double eps = epsilon.epsilon(steps);
            act(eps);
            for (DqnPlay play : plays) {
                play.step(steps);
            }
            steps += numEnvs;
            vectorSteps++;
            if (steps > config.learningStarts) {
                if (vectorSteps % config.trainFrequency == 0) {
                    for (int g = 0; g < config.gradientSteps; g++) {
                        float[] losses = update();
                        for (int i = 0; i < members; i++) {
                            listeners[i].onUpdate(steps, losses[i], eps);
                        }
                    }
                }
                if (vectorSteps % Math.max(config.targetUpdateInterval / numEnvs, 1) == 0) {
                    TargetNetworks.update(target, online, config.tau);
                }
            }
        }
    }

    /** ε-greedy actions for every member's envs, the greedy ones from one forward pass of all members. */
    private void act(double eps) {
        boolean anyGreedy = false;
        for (DqnPlay play : plays) {
            anyGreedy |= play.drawExploration(eps);
        }
        if (!anyGreedy) {
            return;
        }
        int block = numEnvs * observationSize;
        for (int i = 0; i < members; i++) {
            System.arraycopy(plays[i].observations(), 0, actingObservations, i * block, block);
        }
        float[] q = qValues(actingObservations, numEnvs);
        for (int i = 0; i < members; i++) {
            plays[i].actGreedily(q, i * numEnvs * numActions);
        }
    }

    /** Q-values {@code [members, rows, numActions]} of the online networks for {@code [members, rows, obs]}. */
    private float[] qValues(float[] obs, int rows) {
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            return online.forward(Tensor.of(obs, members, rows, observationSize)).toFloatArray();
        }
    }

    /** One gradient step of every member on its own sampled batch, as one batched step; returns the members' losses. */
    private float[] update() {
        int size = config.batchSize;
        int block = size * observationSize;
        for (int i = 0; i < members; i++) {
            Batch batch = plays[i].sample(steps);
            System.arraycopy(batch.observations(), 0, observations, i * block, block);
            System.arraycopy(batch.nextObservations(), 0, nextObservations, i * block, block);
            System.arraycopy(batch.returns(), 0, returns, i * size, size);
            System.arraycopy(batch.discounts(), 0, discounts, i * size, size);
            System.arraycopy(plays[i].actionIndices(), 0, actions, i * size, size);
            if (plays[i].prioritized()) {
                System.arraycopy(batch.weights(), 0, weights, i * size, size);
            }
        }
        try (Scope scope = Scope.open()) {
            Tensor obs = Tensor.of(observations, members, size, observationSize);
            Tensor next = Tensor.of(nextObservations, members, size, observationSize);
            Tensor targets;
            try (NoGrad ignored = NoGrad.open()) {
                Tensor nextQ = target.forward(next);
                Tensor bootstrap = config.doubleDqn
                        ? nextQ.gather(2, online.forward(next).argmax(2, true))
                        : nextQ.max(2, true);
                // Returns over n steps; the discount is γⁿ, or 0 where the episode terminated (the (1 − done) cut).
                targets = Tensor.of(returns, members, size, 1)
                        .add(Tensor.of(discounts, members, size, 1).mul(bootstrap));
            }
            Tensor q = online.forward(obs).gather(2, Tensor.of(actions, members, size, 1));
            Tensor perSample = config.loss == DqnConfig.Loss.HUBER
                    ? Losses.huber(q, targets, 1f, Reduction.NONE)
                    : Losses.mse(q, targets, Reduction.NONE);
            boolean prioritized = plays[0].prioritized();
            Tensor memberLosses = (prioritized ? perSample.mul(Tensor.of(weights, members, size, 1)) : perSample)
                    .mean(1, true);
            optimizer.zeroGrad();
            memberLosses.sum().backward();
            optimizer.step();
            updates++;
            if (prioritized) {
                float[] tdErrors = q.detach().sub(targets).toFloatArray();
                for (int i = 0; i < members; i++) {
                    plays[i].updatePriorities(tdErrors, i * size);
                }
            }
            return memberLosses.toFloatArray();
        }
    }

    /**
     * Saves everything the population needs to go on exactly into the folder {@code dir}: one full DQN checkpoint
     * per member in {@link #memberFolder}{@code (i)}, each replaced as a whole.
     */
    public void save(Path dir) throws IOException {
        writeMembers(dir, true);
    }

    /** Saves what greedy play needs (the networks and counters, no replay) into one folder per member. */
    public void saveNetworks(Path dir) throws IOException {
        writeMembers(dir, false);
    }

    private void writeMembers(Path dir, boolean withTrainingState) throws IOException {
        Files.createDirectories(dir);
        try (Module single = singleNetwork(Rng.seeded(0)); Module singleTarget = singleNetwork(Rng.seeded(0));
             Optimizer singleOptimizer = new Adam(single.parameters(), config.learningRate, 0.9f, 0.999f,
                     config.adamEps, 0f);
             Scope scope = Scope.open()) {
            Map<String, Tensor> state = optimizer.stateDict();
            for (int i = 0; i < members; i++) {
                online.getMember(i, single);
                target.getMember(i, singleTarget);
                singleOptimizer.loadStateDict(memberState(state, i, single));
                DqnCheckpoint.write(dir.resolve(memberFolder(i)), single, singleOptimizer, singleTarget, seeds[i],
                        new DqnCheckpoint.Counters(steps, vectorSteps, updates), withTrainingState ? plays[i] : null);
            }
        }
    }

    /** Member {@code member}'s part of the stacked optimizer state, shaped for {@code single}'s parameters. */
    private static Map<String, Tensor> memberState(Map<String, Tensor> state, int member, Module single) {
        List<Tensor> params = single.parameters();
        Map<String, Tensor> part = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".step")) {
                part.put(key, Tensor.full(e.getValue().item()));
            } else {
                int index = Integer.parseInt(key.split("\\.")[1]);
                part.put(key, Tensor.of(StackedMlp.slice(e.getValue(), member), params.get(index).shape()));
            }
        }
        return part;
    }

    /**
     * Restores a checkpoint written by {@link #save} into this population, which must have been built with the same
     * config, seeds and kind of envs. Everything continues exactly, as a resumed single run does.
     */
    public void load(Path dir) throws IOException {
        readMembers(dir, true);
    }

    /** Restores the networks and counters of a checkpoint written by {@link #saveNetworks} or {@link #save}. */
    public void loadNetworks(Path dir) throws IOException {
        readMembers(dir, false);
    }

    private void readMembers(Path dir, boolean withTrainingState) throws IOException {
        try (Module single = singleNetwork(Rng.seeded(0)); Module singleTarget = singleNetwork(Rng.seeded(0));
             Optimizer singleOptimizer = new Adam(single.parameters(), config.learningRate, 0.9f, 0.999f,
                     config.adamEps, 0f);
             Scope scope = Scope.open()) {
            Map<String, Tensor> stacked = new LinkedHashMap<>();
            DqnCheckpoint.Counters counters = null;
            for (int i = 0; i < members; i++) {
                Path memberDir = dir.resolve(memberFolder(i));
                DqnCheckpoint.Counters c = DqnCheckpoint.readNetworks(memberDir, seeds[i], single, singleOptimizer,
                        singleTarget);
                if (counters != null && !counters.equals(c)) {
                    throw new IOException(memberDir + " is at " + c + " but member 0 is at " + counters
                            + ": the members of a population checkpoint must be in lockstep");
                }
                counters = c;
                online.setMember(i, single);
                target.setMember(i, singleTarget);
                gatherState(singleOptimizer.stateDict(), i, stacked);
                if (withTrainingState) {
                    plays[i].load(memberDir);
                }
            }
            optimizer.loadStateDict(stacked);
            steps = counters.steps();
            vectorSteps = counters.vectorSteps();
            updates = counters.updates();
        }
    }

    /** Puts member {@code member}'s optimizer state into the stacked state, creating each stacked tensor once. */
    private void gatherState(Map<String, Tensor> memberState, int member, Map<String, Tensor> stacked) {
        List<Tensor> params = online.parameters();
        for (Map.Entry<String, Tensor> e : memberState.entrySet()) {
            String key = e.getKey();
            if (key.endsWith(".step")) {
                stacked.putIfAbsent(key, Tensor.full(e.getValue().item()));
            } else {
                int index = Integer.parseInt(key.split("\\.")[1]);
                Tensor all = stacked.computeIfAbsent(key, k -> Tensor.zeros(params.get(index).shape()));
                StackedMlp.putSlice(all, member, e.getValue().toFloatArray());
            }
        }
    }

    /** The online Q-values of one observation for member {@code member}, one per action. */
    public float[] qValues(int member, float[] observation) {
        if (observation.length != observationSize) {
            throw new IllegalArgumentException("an observation of " + observationSize + " numbers was expected, got "
                    + observation.length);
        }
        float[] input = new float[members * observationSize];
        System.arraycopy(observation, 0, input, member * observationSize, observationSize);
        float[] q = qValues(input, 1);
        float[] part = new float[numActions];
        System.arraycopy(q, member * numActions, part, 0, numActions);
        return part;
    }

    /** The greedy policy of member {@code member}'s online network. */
    public Policy greedyPolicy(int member) {
        return observation -> DqnPlay.argmax(qValues(member, observation), 0, numActions);
    }

    /** The number of members. */
    public int size() {
        return members;
    }

    /** The members' seeds (a copy). */
    public long[] seeds() {
        return seeds.clone();
    }

    /** Environment steps taken so far by each member, summed over its envs. */
    public long steps() {
        return steps;
    }

    /** Gradient steps taken so far by each member. */
    public long updates() {
        return updates;
    }

    /** The exploration rate at the current step (the same for every member). */
    public double epsilon() {
        return epsilon.epsilon(steps);
    }

    /** The members' online networks, stacked: parameters {@code [members, ...]} named as a single network's. */
    public Module onlineNetworks() {
        return online;
    }

    /** Member {@code member}'s online network as a single {@link QNetworks#mlp} (a new module, the caller's to close). */
    public Module onlineNetwork(int member) {
        Module single = singleNetwork(Rng.seeded(0));
        online.getMember(member, single);
        return single;
    }

    /** Frees the networks and the optimizer state; the envs belong to the caller. */
    @Override
    public void close() {
        optimizer.close();
        online.close();
        target.close();
    }
}
