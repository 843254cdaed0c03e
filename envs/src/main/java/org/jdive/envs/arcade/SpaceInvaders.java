package org.jdive.envs.arcade;

import java.util.Arrays;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * MinAtar Space Invaders: a cannon on the bottom row shoots at a block of aliens that marches sideways,
 * steps down at the edges, and shoots back.
 *
 * <p>Channels: 0 cannon, 1 alien, 2 alien moving left, 3 alien moving right (2 or 3 repeats channel 1,
 * whichever is the block's direction), 4 friendly bullet, 5 enemy bullet. Minimal actions: no-op, left,
 * right, fire.
 *
 * <p>Rules: firing (at most once every 5 frames) puts a bullet above the cannon; bullets move one row per
 * frame, friendly ones up and enemy ones down. A bullet that meets an alien removes it and pays +1. The
 * block moves one column every {@code min(aliens left, move interval)} frames, so it speeds up as it thins
 * out and moves every frame when one alien is left; at an edge it steps down a row and turns instead.
 * Every 10 frames the lowest alien of the column nearest the cannon fires. The episode terminates when an
 * enemy bullet or an alien reaches the cannon, or the block must step down from the bottom row. A cleared
 * wave (6 columns × 4 rows, columns 2–7) is replaced by a new one; with ramping on, each new wave's move
 * interval is one frame shorter, from 12 down to 6.
 *
 * <p>State is kept as one 10-bit mask per row (bit {@code c} is column {@code c}).
 */
public final class SpaceInvaders extends ArcadeGame {

    static final int SHOT_COOL_DOWN = 5;
    static final int INITIAL_MOVE_INTERVAL = 12;
    static final int FASTEST_MOVE_INTERVAL = 6;
    static final int ENEMY_SHOT_INTERVAL = 10;
    private static final int BOTTOM = GRID - 1;
    private static final int FULL_ROW = (1 << GRID) - 1;
    private static final int WAVE_ROW_MASK = 0b0011111100;
    private static final int WAVE_ROWS = 4;

    private final int[] aliens = new int[GRID];
    private final int[] friendlyBullets = new int[GRID];
    private final int[] enemyBullets = new int[GRID];
    private int cannon;
    private int alienDirection;
    private int moveInterval;
    private int moveTimer;
    private int enemyShotTimer;
    private int shotTimer;
    private int waves;

    /**
     * A game set up by {@code settings} (action set, difficulty ramping, sticky actions); the ids {@code
     * MinAtar/SpaceInvaders-v0} and {@code -v1} build it with MinAtar's defaults.
     */
    public SpaceInvaders(ArcadeSettings settings) {
        super(new String[] {"cannon", "alien", "alien_left", "alien_right", "friendly_bullet", "enemy_bullet"},
                "^A<>|!", "nlrf", settings);
    }

    @Override
    void startGame() {
        cannon = 5;
        Arrays.fill(friendlyBullets, 0);
        Arrays.fill(enemyBullets, 0);
        spawnWave();
        alienDirection = -1;
        moveInterval = INITIAL_MOVE_INTERVAL;
        moveTimer = moveInterval;
        enemyShotTimer = ENEMY_SHOT_INTERVAL;
        shotTimer = 0;
        waves = 0;
    }

    private void spawnWave() {
        Arrays.fill(aliens, 0);
        Arrays.fill(aliens, 0, WAVE_ROWS, WAVE_ROW_MASK);
    }

    @Override
    int playFrame(int action) {
        int cannonBit = 1 << cannon;
        if (action == FIRE && shotTimer == 0) {
            friendlyBullets[BOTTOM] |= cannonBit;
            shotTimer = SHOT_COOL_DOWN;
        } else if (action == LEFT) {
            cannon = Math.max(0, cannon - 1);
        } else if (action == RIGHT) {
            cannon = Math.min(GRID - 1, cannon + 1);
        }
        cannonBit = 1 << cannon;

        System.arraycopy(friendlyBullets, 1, friendlyBullets, 0, GRID - 1);
        friendlyBullets[BOTTOM] = 0;
        System.arraycopy(enemyBullets, 0, enemyBullets, 1, GRID - 1);
        enemyBullets[0] = 0;
        if ((enemyBullets[BOTTOM] & cannonBit) != 0 || (aliens[BOTTOM] & cannonBit) != 0) {
            terminal = true;
        }

        if (moveTimer == 0) {
            moveAliens();
            if ((aliens[BOTTOM] & cannonBit) != 0) {
                terminal = true;
            }
        }
        if (enemyShotTimer == 0) {
            enemyShotTimer = ENEMY_SHOT_INTERVAL;
            fireFromNearestAlien();
        }

        int reward = 0;
        for (int row = 0; row < GRID; row++) {
            int hits = aliens[row] & friendlyBullets[row];
            reward += Integer.bitCount(hits);
            aliens[row] &= ~hits;
            friendlyBullets[row] &= ~hits;
        }

        if (shotTimer > 0) {
            shotTimer--;
        }
        moveTimer--;
        enemyShotTimer--;
        if (alienCount() == 0) {
            if (ramping && moveInterval > FASTEST_MOVE_INTERVAL) {
                moveInterval--;
                waves++;
            }
            spawnWave();
        }
        return reward;
    }

    private void moveAliens() {
        moveTimer = Math.min(alienCount(), moveInterval);
        int occupied = 0;
        for (int mask : aliens) {
            occupied |= mask;
        }
        boolean atLeftEdge = (occupied & 1) != 0;
        boolean atRightEdge = (occupied & (1 << (GRID - 1))) != 0;
        if ((alienDirection < 0 && atLeftEdge) || (alienDirection > 0 && atRightEdge)) {
            alienDirection = -alienDirection;
            if (aliens[BOTTOM] != 0) {
                terminal = true;
            }
            // MinAtar rolls the rows (the bottom row wraps to the top); it only matters on the terminal frame.
            int wrapped = aliens[BOTTOM];
            System.arraycopy(aliens, 0, aliens, 1, GRID - 1);
            aliens[0] = wrapped;
        } else {
            for (int row = 0; row < GRID; row++) {
                aliens[row] = (alienDirection < 0 ? aliens[row] >>> 1 : aliens[row] << 1) & FULL_ROW;
            }
        }
    }

    /** Columns are searched by distance from the cannon, the left one first on a tie. */
    private void fireFromNearestAlien() {
        for (int distance = 0; distance < GRID; distance++) {
            if (fireFromColumn(cannon - distance) || (distance > 0 && fireFromColumn(cannon + distance))) {
                return;
            }
        }
    }

    private boolean fireFromColumn(int col) {
        if (col < 0 || col >= GRID) {
            return false;
        }
        for (int row = GRID - 1; row >= 0; row--) {
            if ((aliens[row] & (1 << col)) != 0) {
                enemyBullets[row] |= 1 << col;
                return true;
            }
        }
        return false;
    }

    private int alienCount() {
        int count = 0;
        for (int mask : aliens) {
            count += Integer.bitCount(mask);
        }
        return count;
    }

    @Override
    void draw(float[] obs, int offset) {
        mark(obs, offset, BOTTOM, cannon, 0);
        int directionChannel = alienDirection < 0 ? 2 : 3;
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int bit = 1 << col;
                if ((aliens[row] & bit) != 0) {
                    mark(obs, offset, row, col, 1);
                    mark(obs, offset, row, col, directionChannel);
                }
                if ((friendlyBullets[row] & bit) != 0) {
                    mark(obs, offset, row, col, 4);
                }
                if ((enemyBullets[row] & bit) != 0) {
                    mark(obs, offset, row, col, 5);
                }
            }
        }
    }

    /** How many waves have sped up (MinAtar's ramp index). */
    int rampLevel() {
        return waves;
    }

    void setCannon(int column) {
        cannon = column;
    }

    /** Replaces the aliens by the given row masks (bit c = column c). */
    void setAliens(int... rowMasks) {
        Arrays.fill(aliens, 0);
        System.arraycopy(rowMasks, 0, aliens, 0, rowMasks.length);
    }

    void setEnemyBullet(int row, int col) {
        enemyBullets[row] |= 1 << col;
    }

    void setFriendlyBullet(int row, int col) {
        friendlyBullets[row] |= 1 << col;
    }

    void setMoveTimer(int frames) {
        moveTimer = frames;
    }

    void setEnemyShotTimer(int frames) {
        enemyShotTimer = frames;
    }

    void setAlienDirection(int direction) {
        alienDirection = direction;
    }

    int alienRow(int row) {
        return aliens[row];
    }

    int alienDirection() {
        return alienDirection;
    }

    int moveInterval() {
        return moveInterval;
    }

    int moveTimer() {
        return moveTimer;
    }

    int enemyBulletRow(int row) {
        return enemyBullets[row];
    }

    @Override
    void saveGame(StateWriter out) {
        out.writeInts(aliens);
        out.writeInts(friendlyBullets);
        out.writeInts(enemyBullets);
        out.writeInt(cannon);
        out.writeInt(alienDirection);
        out.writeInt(moveInterval);
        out.writeInt(moveTimer);
        out.writeInt(enemyShotTimer);
        out.writeInt(shotTimer);
        out.writeInt(waves);
    }

    @Override
    void restoreGame(StateReader in) {
        in.readInts(aliens);
        in.readInts(friendlyBullets);
        in.readInts(enemyBullets);
        cannon = in.readInt();
        alienDirection = in.readInt();
        moveInterval = in.readInt();
        moveTimer = in.readInt();
        enemyShotTimer = in.readInt();
        shotTimer = in.readInt();
        waves = in.readInt();
    }
}
