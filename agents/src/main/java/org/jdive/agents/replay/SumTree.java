package org.jdive.agents.replay;

import java.util.Arrays;

/**
 * A binary tree of non-negative priorities whose inner nodes hold the sums of their children (Schaul et al.
 * 2016, appendix B.2.1): updating a priority and finding the leaf at a prefix sum both take
 * {@code O(log n)}.
 */
public final class SumTree {

    private final int capacity;
    private final int leaves;
    private final double[] nodes;

    /** A tree of {@code capacity >= 1} priorities, all 0. */
    public SumTree(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a sum tree needs capacity >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.leaves = Integer.highestOneBit(capacity) == capacity ? capacity : Integer.highestOneBit(capacity) << 1;
        this.nodes = new double[2 * leaves];
    }

    /** The number of priorities, indices {@code 0 .. capacity - 1}. */
    public int capacity() {
        return capacity;
    }

    /** The sum of all priorities. */
    public double total() {
        return nodes[1];
    }

    /** The priority at {@code index}. */
    public double get(int index) {
        return nodes[leaves + checkIndex(index)];
    }

    /** Sets the priority of {@code index} and updates the sums above it. */
    public void set(int index, double priority) {
        if (!(priority >= 0) || Double.isInfinite(priority)) {
            throw new IllegalArgumentException("priorities must be finite and >= 0, got " + priority + " at " + index);
        }
        int node = leaves + checkIndex(index);
        nodes[node] = priority;
        for (node >>= 1; node >= 1; node >>= 1) {
            nodes[node] = nodes[2 * node] + nodes[2 * node + 1];
        }
    }

    /**
     * The index whose cumulative range contains {@code prefix}: the smallest {@code i} with
     * {@code p_0 + ... + p_i > prefix}, for {@code 0 <= prefix < total()}. Leaves of priority 0 are never
     * returned.
     */
    public int find(double prefix) {
        int node = 1;
        while (node < leaves) {
            int left = 2 * node;
            if (prefix < nodes[left] || nodes[left + 1] == 0) {
                node = left;
            } else {
                prefix -= nodes[left];
                node = left + 1;
            }
        }
        int index = node - leaves;
        // Rounding can land on a zero leaf at the right edge; step back to the last positive one.
        while (nodes[node] == 0 && index > 0) {
            node--;
            index--;
        }
        return index;
    }

    /** Sets every priority to 0. */
    public void clear() {
        Arrays.fill(nodes, 0);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= capacity) {
            throw new IndexOutOfBoundsException("index " + index + " is not in 0.." + (capacity - 1));
        }
        return index;
    }
}
