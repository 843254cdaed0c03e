package org.jdive.envs.wrappers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Tracks each episode's return and length, as Gymnasium's {@code RecordEpisodeStatistics}: on the step that
 * ends an episode (terminated or truncated), {@link #info()} holds {@code "episode" -> {"r": return, "l": length}};
 * the last {@code bufferLength} episodes are kept in {@link #returns()} and {@link #lengths()}.
 */
public final class RecordEpisodeStatistics extends Wrapper {

    /** The info key of the finished episode's statistics. */
    public static final String EPISODE = "episode";

    private final int bufferLength;
    private final Deque<Double> returns = new ArrayDeque<>();
    private final Deque<Integer> lengths = new ArrayDeque<>();
    private double episodeReturn;
    private int episodeLength;
    private boolean episodeEnded;

    /** Keeps the last 100 episodes, as Gymnasium's default {@code buffer_length}. */
    public RecordEpisodeStatistics(Env env) {
        this(env, 100);
    }

    /** Keeps the last {@code bufferLength >= 1} episodes. */
    public RecordEpisodeStatistics(Env env, int bufferLength) {
        super(env);
        if (bufferLength <= 0) {
            throw new IllegalArgumentException("RecordEpisodeStatistics needs bufferLength >= 1, got " + bufferLength);
        }
        this.bufferLength = bufferLength;
    }

    @Override
    protected void afterReset(float[] obs, int offset) {
        episodeReturn = 0;
        episodeLength = 0;
        episodeEnded = false;
    }

    @Override
    protected void afterStep(float[] obs, int offset) {
        episodeReturn += env.lastReward();
        episodeLength++;
        episodeEnded = env.lastTerminated() || env.lastTruncated();
        if (episodeEnded) {
            if (returns.size() == bufferLength) {
                returns.removeFirst();
                lengths.removeFirst();
            }
            returns.addLast(episodeReturn);
            lengths.addLast(episodeLength);
        }
    }

    @Override
    public Map<String, Object> info() {
        if (!episodeEnded) {
            return env.info();
        }
        Map<String, Object> info = new HashMap<>(env.info());
        info.put(EPISODE, Map.of("r", episodeReturn, "l", episodeLength));
        return info;
    }

    /** The returns of the last finished episodes, oldest first. */
    public List<Double> returns() {
        return List.copyOf(returns);
    }

    /** The lengths of the last finished episodes, oldest first. */
    public List<Integer> lengths() {
        return List.copyOf(lengths);
    }

    @Override
    protected void saveOwnState(StateWriter out) {
        out.writeInt(returns.size());
        for (double r : returns) {
            out.writeDouble(r);
        }
        out.writeInt(lengths.size());
        for (int l : lengths) {
            out.writeInt(l);
        }
        out.writeDouble(episodeReturn);
        out.writeInt(episodeLength);
        out.writeBoolean(episodeEnded);
    }

    @Override
    protected void restoreOwnState(StateReader in) {
        returns.clear();
        for (int i = in.readInt(); i > 0; i--) {
            returns.add(in.readDouble());
        }
        lengths.clear();
        for (int i = in.readInt(); i > 0; i--) {
            lengths.add(in.readInt());
        }
        episodeReturn = in.readDouble();
        episodeLength = in.readInt();
        episodeEnded = in.readBoolean();
    }
}
