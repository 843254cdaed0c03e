package org.jdive.envs;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;

/**
 * A test env whose observation shows what happened: {@code [last action, steps taken, episode start value]}.
 * The reward is the action; the episode terminates after {@code length} steps. The start value is drawn
 * from the seeded stream, so episodes are told apart.
 */
public final class EchoEnv extends AbstractEnv {

    private final int length;
    private int lastAction = -1;
    private int steps;
    private float startValue;

    public EchoEnv(int length) {
        super(4, 3);
        this.length = length;
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        lastAction = -1;
        steps = 0;
        startValue = rng.nextInt(1000);
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        lastAction = action;
        steps++;
        setOutcome(action, steps >= length);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = lastAction;
        obs[offset + 1] = steps;
        obs[offset + 2] = startValue;
    }

    @Override
    public Space observationSpace() {
        return new Box(new float[] {-1, 0, 0}, new float[] {3, 1000, 1000}, 3);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(4);
    }

    @Override
    public Frame render() {
        return new Frame(1, 1, new byte[3]);
    }

    @Override
    public String renderText() {
        return "echo " + lastAction + " " + steps;
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeInt(lastAction);
        out.writeInt(steps);
        out.writeFloat(startValue);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        lastAction = in.readInt();
        steps = in.readInt();
        startValue = in.readFloat();
    }
}
