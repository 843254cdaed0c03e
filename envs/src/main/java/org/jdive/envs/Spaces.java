package org.jdive.envs;

import java.util.Arrays;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;

/** What stepping an env with a vector action needs to know of its action space. */
public final class Spaces {

    private Spaces() {
    }

    /**
     * The discrete action a one-element vector stands for; an {@link IllegalArgumentException} saying why where the
     * space is continuous or the vector holds no whole number.
     */
    public static int discreteAction(Space space, float[] action) {
        if (!(space instanceof Discrete)) {
            throw new IllegalArgumentException("this env's actions are " + space + ", which it does not take as vectors");
        }
        if (action.length != 1 || action[0] != Math.rint(action[0])) {
            throw new IllegalArgumentException("a discrete action as a vector is one whole number, got "
                    + Arrays.toString(action));
        }
        return (int) action[0];
    }

    /** The number of values in one continuous action, or an {@link IllegalArgumentException} for a discrete space. */
    public static int continuousActionSize(Space space) {
        if (!(space instanceof Box box)) {
            throw new IllegalArgumentException("continuous actions need a Box action space, got " + space);
        }
        return box.size();
    }
}
