package org.jdive.envs.arcade;

import java.util.Arrays;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * MinAtar Asterix: the player roams rows 1–8, picking up gold and dodging enemies that cross the screen.
 *
 * <p>Channels: 0 player, 1 enemy, 2 trail (the cell behind each enemy or gold, giving its direction),
 * 3 gold. Minimal actions: no-op, left, up, right, down.
 *
 * <p>Rules: each of rows 1–8 holds at most one entity. Every {@code spawn interval} frames an entity
 * appears at the left edge moving right or the right edge moving left (equal odds) in a row drawn
 * uniformly from the free ones (none if all are taken); it is gold with probability 1/3, else an enemy.
 * Entities all move one column together every {@code move interval} frames and vanish past the edge.
 * Touching gold pays +1 and removes it; touching an enemy terminates the episode. With ramping on, every 102
 * frames the spawn interval shrinks by one (from 10 to 1) and, every second time, the move interval too
 * (from 5 to 1).
 */
public final class Asterix extends ArcadeGame {

    static final int RAMP_INTERVAL = 100;
    static final int INITIAL_SPAWN_INTERVAL = 10;
    static final int INITIAL_MOVE_INTERVAL = 5;
    static final int LANES = 8;

    /** Per lane (row {@code lane + 1}): whether an entity is there, its column, direction and kind. */
    private final boolean[] occupied = new boolean[LANES];
    private final int[] entityX = new int[LANES];
    private final boolean[] movingRight = new boolean[LANES];
    private final boolean[] gold = new boolean[LANES];
    private final int[] freeLanes = new int[LANES];
    private int playerX;
    private int playerY;
    private int spawnInterval;
    private int spawnTimer;
    private int moveInterval;
    private int moveTimer;
    private int rampTimer;
    private int rampLevel;

    /**
     * A game set up by {@code settings} (action set, difficulty ramping, sticky actions); the ids {@code
     * MinAtar/Asterix-v0} and {@code -v1} build it with MinAtar's defaults.
     */
    public Asterix(ArcadeSettings settings) {
        super(new String[] {"player", "enemy", "trail", "gold"}, "@E-$", "nlurd", settings);
    }

    @Override
    void startGame() {
        playerX = 5;
        playerY = 5;
        Arrays.fill(occupied, false);
        spawnInterval = INITIAL_SPAWN_INTERVAL;
        spawnTimer = spawnInterval;
        moveInterval = INITIAL_MOVE_INTERVAL;
        moveTimer = moveInterval;
        rampTimer = RAMP_INTERVAL;
        rampLevel = 0;
    }

    @Override
    int playFrame(int action) {
        if (spawnTimer == 0) {
            spawn();
            spawnTimer = spawnInterval;
        }
        switch (action) {
            case LEFT -> playerX = Math.max(0, playerX - 1);
            case RIGHT -> playerX = Math.min(GRID - 1, playerX + 1);
            case UP -> playerY = Math.max(1, playerY - 1);
            case DOWN -> playerY = Math.min(LANES, playerY + 1);
            default -> { }
        }
        int reward = 0;
        for (int lane = 0; lane < LANES; lane++) {
            reward += touch(lane);
        }
        if (moveTimer == 0) {
            moveTimer = moveInterval;
            for (int lane = 0; lane < LANES; lane++) {
                if (occupied[lane]) {
                    entityX[lane] += movingRight[lane] ? 1 : -1;
                    if (entityX[lane] < 0 || entityX[lane] >= GRID) {
                        occupied[lane] = false;
                    }
                    reward += touch(lane);
                }
            }
        }
        spawnTimer--;
        moveTimer--;
        if (ramping && (spawnInterval > 1 || moveInterval > 1)) {
            ramp();
        }
        return reward;
    }

    /** Resolves the player touching lane {@code lane}'s entity, if they share a cell: gold pays, enemies kill. */
    private int touch(int lane) {
        if (!occupied[lane] || entityX[lane] != playerX || lane + 1 != playerY) {
            return 0;
        }
        if (gold[lane]) {
            occupied[lane] = false;
            return 1;
        }
        terminal = true;
        return 0;
    }

    private void ramp() {
        if (rampTimer >= 0) {
            rampTimer--;
            return;
        }
        if (moveInterval > 1 && rampLevel % 2 == 1) {
            moveInterval--;
        }
        if (spawnInterval > 1) {
            spawnInterval--;
        }
        rampLevel++;
        rampTimer = RAMP_INTERVAL;
    }

    private void spawn() {
        boolean fromLeft = rng.nextBoolean();
        boolean isGold = rng.nextInt(3) == 0;
        int free = 0;
        for (int lane = 0; lane < LANES; lane++) {
            if (!occupied[lane]) {
                freeLanes[free++] = lane;
            }
        }
        if (free > 0) {
            put(freeLanes[rng.nextInt(free)], fromLeft ? 0 : GRID - 1, fromLeft, isGold);
        }
    }

    @Override
    void draw(float[] obs, int offset) {
        mark(obs, offset, playerY, playerX, 0);
        for (int lane = 0; lane < LANES; lane++) {
            if (occupied[lane]) {
                int row = lane + 1;
                mark(obs, offset, row, entityX[lane], gold[lane] ? 3 : 1);
                int behind = entityX[lane] + (movingRight[lane] ? -1 : 1);
                if (behind >= 0 && behind < GRID) {
                    mark(obs, offset, row, behind, 2);
                }
            }
        }
    }

    /** Puts an entity in row {@code lane + 1} at column x. */
    void put(int lane, int x, boolean rightward, boolean isGold) {
        occupied[lane] = true;
        entityX[lane] = x;
        movingRight[lane] = rightward;
        gold[lane] = isGold;
    }

    void clearEntities() {
        Arrays.fill(occupied, false);
    }

    void setPlayer(int x, int y) {
        playerX = x;
        playerY = y;
    }

    void setTimers(int spawn, int move) {
        spawnTimer = spawn;
        moveTimer = move;
    }

    boolean occupied(int lane) {
        return occupied[lane];
    }

    boolean gold(int lane) {
        return gold[lane];
    }

    int entityX(int lane) {
        return entityX[lane];
    }

    int spawnInterval() {
        return spawnInterval;
    }

    int moveInterval() {
        return moveInterval;
    }

    int rampLevel() {
        return rampLevel;
    }

    @Override
    void saveGame(StateWriter out) {
        out.writeBooleans(occupied);
        out.writeInts(entityX);
        out.writeBooleans(movingRight);
        out.writeBooleans(gold);
        out.writeInt(playerX);
        out.writeInt(playerY);
        out.writeInt(spawnInterval);
        out.writeInt(spawnTimer);
        out.writeInt(moveInterval);
        out.writeInt(moveTimer);
        out.writeInt(rampTimer);
        out.writeInt(rampLevel);
    }

    @Override
    void restoreGame(StateReader in) {
        in.readBooleans(occupied);
        in.readInts(entityX);
        in.readBooleans(movingRight);
        in.readBooleans(gold);
        playerX = in.readInt();
        playerY = in.readInt();
        spawnInterval = in.readInt();
        spawnTimer = in.readInt();
        moveInterval = in.readInt();
        moveTimer = in.readInt();
        rampTimer = in.readInt();
        rampLevel = in.readInt();
    }
}
