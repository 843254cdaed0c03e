package org.jdive.envs.arcade;

import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * MinAtar Seaquest: a two-cell submarine shoots fish and enemy subs, rescues divers, and must surface for
 * oxygen.
 *
 * <p>Channels: 0 sub front, 1 sub back, 2 friendly bullet, 3 trail (the cell behind each fish, enemy sub
 * and diver), 4 enemy bullet, 5 enemy fish, 6 enemy sub, 7 oxygen gauge (row 9 from the left, one cell per
 * 20 units of oxygen), 8 diver gauge (row 9, ending at column 8, one cell per diver aboard), 9 diver. All
 * six actions are minimal.
 *
 * <p>Rules: the sub moves in rows 0–8 (row 0 is the surface) and fires (at most once every 5 frames) a
 * bullet that travels one column per frame the way the sub faces. A bullet that meets a fish or enemy sub
 * removes both and pays +1. Every {@code spawn interval} frames (20 at first) a fish or, with probability
 * 1/3, an enemy sub enters a random row 1–8 from a random side, unless that row already holds an enemy
 * moving the other way; every 30 frames a diver does. Enemies move once every {@code move interval + 1}
 * frames (the move interval is 5 at first), divers every 6; enemy subs fire every 11 frames. Moving onto a
 * diver picks it up while fewer than 6 are aboard. Touching a fish, enemy sub or enemy bullet terminates
 * the episode. Oxygen (200) drops by one each frame below the surface; the frame after it has gone below
 * zero the episode terminates. Surfacing with no diver terminates; surfacing with 1–5 divers refills oxygen and costs one
 * diver; surfacing with 6 refills oxygen and pays one point per lit cell of the oxygen gauge. With ramping
 * on, each surfacing shortens the spawn interval by one (down to 1) and, every second time, the move
 * interval (down to 2).
 *
 * <p><b>The diver-count quirk.</b> MinAtar's README says that surfacing with 6 divers removes all of them,
 * but its code sets the count to 0 and then takes away the one diver every surfacing costs, leaving
 * <em>-1</em>. The count stays negative until more divers are picked up: the diver gauge shows nothing,
 * 7 pickups are needed for the next full crew, and, since only a count of exactly 0 makes surfacing fatal,
 * the sub may surface again before picking anyone up (each time taking the count further down).
 * jdive follows MinAtar's code by default, because published MinAtar results were produced with it; the
 * option {@code diver_count_quirk = false} applies the README's rule instead (6 divers surface to a count
 * of 0).
 *
 * <p>Two details follow MinAtar's order of updates exactly: an enemy sub whose shot timer runs out fires
 * on the frame it is destroyed or leaves the screen, and a diver, enemy or bullet touching the sub is
 * checked both before and after it moves. One detail does not: below zero oxygen the oxygen gauge is empty
 * (MinAtar's numpy slice then lights 9 cells for the last frames of an episode, an artefact).
 */
public final class Seaquest extends ArcadeGame {

    static final int MAX_OXYGEN = 200;
    static final int INITIAL_SPAWN_INTERVAL = 20;
    static final int DIVER_SPAWN_INTERVAL = 30;
    static final int INITIAL_MOVE_INTERVAL = 5;
    static final int SHOT_COOL_DOWN = 5;
    static final int ENEMY_SHOT_INTERVAL = 10;
    static final int DIVER_MOVE_INTERVAL = 5;
    static final int MAX_DIVERS = 6;
    private static final int SEA_FLOOR = GRID - 2;
    private static final int GAUGE_ROW = GRID - 1;
    /** Enemies live at most ~31 frames and spawn at most once a frame, so 64 per list is never reached. */
    private static final int CAPACITY = 64;

    private final boolean diverCountQuirk;
    private final Movers friendlyBullets = new Movers(CAPACITY);
    private final Movers enemyBullets = new Movers(CAPACITY);
    private final Movers fish = new Movers(CAPACITY);
    private final Movers enemySubs = new Movers(CAPACITY);
    private final Movers divers = new Movers(CAPACITY);
    private int subX;
    private int subY;
    private boolean facingRight;
    private int oxygen;
    private int diverCount;
    private boolean surfaced;
    private int spawnInterval;
    private int spawnTimer;
    private int diverSpawnTimer;
    private int moveInterval;
    private int shotTimer;
    private int rampLevel;

    /**
     * @param diverCountQuirk reproduce MinAtar's code, where surfacing with 6 divers leaves a count of -1
     *                        (see the class comment); false applies the README's rule (a count of 0)
     */
    public Seaquest(ArcadeSettings settings, boolean diverCountQuirk) {
        super(new String[] {"sub_front", "sub_back", "friendly_bullet", "trail", "enemy_bullet", "enemy_fish",
            "enemy_sub", "oxygen_guage", "diver_guage", "diver"}, "S<|-!FEoxd", "nlurdf", settings);
        this.diverCountQuirk = diverCountQuirk;
    }

    @Override
    void startGame() {
        oxygen = MAX_OXYGEN;
        diverCount = 0;
        subX = 5;
        subY = 0;
        facingRight = false;
        friendlyBullets.clear();
        enemyBullets.clear();
        fish.clear();
        enemySubs.clear();
        divers.clear();
        spawnInterval = INITIAL_SPAWN_INTERVAL;
        spawnTimer = spawnInterval;
        diverSpawnTimer = DIVER_SPAWN_INTERVAL;
        moveInterval = INITIAL_MOVE_INTERVAL;
        shotTimer = 0;
        surfaced = true;
        rampLevel = 0;
    }

    @Override
    int playFrame(int action) {
        if (spawnTimer == 0) {
            spawnEnemy();
            spawnTimer = spawnInterval;
        }
        if (diverSpawnTimer == 0) {
            boolean fromLeft = rng.nextBoolean();
            divers.add(fromLeft ? 0 : GRID - 1, 1 + rng.nextInt(SEA_FLOOR), fromLeft ? 1 : -1,
                    DIVER_MOVE_INTERVAL, 0);
            diverSpawnTimer = DIVER_SPAWN_INTERVAL;
        }
        moveSub(action);
        int reward = moveFriendlyBullets();
        moveDivers();
        reward += moveEnemies(enemySubs, true);
        moveEnemyBullets();
        reward += moveEnemies(fish, false);

        if (spawnTimer > 0) {
            spawnTimer--;
        }
        if (diverSpawnTimer > 0) {
            diverSpawnTimer--;
        }
        if (shotTimer > 0) {
            shotTimer--;
        }
        if (oxygen < 0) {
            terminal = true;
        }
        if (subY > 0) {
            oxygen--;
            surfaced = false;
        } else if (!surfaced) {
            if (diverCount == 0) {
                terminal = true;
            } else {
                reward += surface();
            }
        }
        return reward;
    }

    private void moveSub(int action) {
        switch (action) {
            case FIRE -> {
                if (shotTimer == 0) {
                    friendlyBullets.add(subX, subY, facingRight ? 1 : -1, 0, 0);
                    shotTimer = SHOT_COOL_DOWN;
                }
            }
            case LEFT -> {
                subX = Math.max(0, subX - 1);
                facingRight = false;
            }
            case RIGHT -> {
                subX = Math.min(GRID - 1, subX + 1);
                facingRight = true;
            }
            case UP -> subY = Math.max(0, subY - 1);
            case DOWN -> subY = Math.min(SEA_FLOOR, subY + 1);
            default -> { }
        }
    }

    private int moveFriendlyBullets() {
        int reward = 0;
        for (int i = friendlyBullets.size() - 1; i >= 0; i--) {
            int x = friendlyBullets.x[i] += friendlyBullets.direction[i];
            int y = friendlyBullets.y[i];
            if (x < 0 || x >= GRID) {
                friendlyBullets.remove(i);
            } else if (destroyAt(fish, x, y) || destroyAt(enemySubs, x, y)) {
                friendlyBullets.remove(i);
                reward++;
            }
        }
        return reward;
    }

    private static boolean destroyAt(Movers enemies, int x, int y) {
        int hit = enemies.indexAt(x, y);
        if (hit < 0) {
            return false;
        }
        enemies.remove(hit);
        return true;
    }

    private void moveDivers() {
        for (int i = divers.size() - 1; i >= 0; i--) {
            if (tryRescue(i)) {
                continue;
            }
            if (divers.moveTimer[i] == 0) {
                divers.moveTimer[i] = DIVER_MOVE_INTERVAL;
                divers.x[i] += divers.direction[i];
                if (divers.x[i] < 0 || divers.x[i] >= GRID) {
                    divers.remove(i);
                } else {
                    tryRescue(i);
                }
            } else {
                divers.moveTimer[i]--;
            }
        }
    }

    private boolean tryRescue(int diver) {
        if (divers.x[diver] == subX && divers.y[diver] == subY && diverCount < MAX_DIVERS) {
            divers.remove(diver);
            diverCount++;
            return true;
        }
        return false;
    }

    /** Moves fish or enemy subs (which also shoot); returns the reward of any that run into a bullet. */
    private int moveEnemies(Movers enemies, boolean shooting) {
        int reward = 0;
        for (int i = enemies.size() - 1; i >= 0; i--) {
            int x = enemies.x[i];
            int y = enemies.y[i];
            boolean removed = false;
            touchSub(x, y);
            if (enemies.moveTimer[i] == 0) {
                enemies.moveTimer[i] = moveInterval;
                x += enemies.direction[i];
                enemies.x[i] = x;
                if (x < 0 || x >= GRID) {
                    removed = true;
                } else if (x == subX && y == subY) {
                    terminal = true;
                } else {
                    int bullet = friendlyBullets.indexAt(x, y);
                    if (bullet >= 0) {
                        friendlyBullets.remove(bullet);
                        reward++;
                        removed = true;
                    }
                }
            } else {
                enemies.moveTimer[i]--;
            }
            if (shooting) {
                if (enemies.shotTimer[i] == 0) {
                    enemies.shotTimer[i] = ENEMY_SHOT_INTERVAL;
                    enemyBullets.add(x, y, enemies.direction[i], 0, 0);
                } else {
                    enemies.shotTimer[i]--;
                }
            }
            if (removed) {
                enemies.remove(i);
            }
        }
        return reward;
    }

    private void moveEnemyBullets() {
        for (int i = enemyBullets.size() - 1; i >= 0; i--) {
            touchSub(enemyBullets.x[i], enemyBullets.y[i]);
            int x = enemyBullets.x[i] += enemyBullets.direction[i];
            if (x < 0 || x >= GRID) {
                enemyBullets.remove(i);
            } else {
                touchSub(x, enemyBullets.y[i]);
            }
        }
    }

    private void touchSub(int x, int y) {
        if (x == subX && y == subY) {
            terminal = true;
        }
    }

    private int surface() {
        surfaced = true;
        int reward = 0;
        if (diverCount == MAX_DIVERS) {
            reward = Math.floorDiv(oxygen * GRID, MAX_OXYGEN);
            diverCount = diverCountQuirk ? -1 : 0;
        } else {
            diverCount--;
        }
        oxygen = MAX_OXYGEN;
        if (ramping && (spawnInterval > 1 || moveInterval > 2)) {
            if (moveInterval > 2 && rampLevel % 2 == 1) {
                moveInterval--;
            }
            if (spawnInterval > 1) {
                spawnInterval--;
            }
            rampLevel++;
        }
        return reward;
    }

    private int oxygenCells() {
        return Math.max(0, oxygen * GRID / MAX_OXYGEN);
    }

    private void spawnEnemy() {
        boolean fromLeft = rng.nextBoolean();
        boolean isSub = rng.nextInt(3) == 0;
        int y = 1 + rng.nextInt(SEA_FLOOR);
        int direction = fromLeft ? 1 : -1;
        if (fish.opposesInRow(y, direction) || enemySubs.opposesInRow(y, direction)) {
            return;
        }
        (isSub ? enemySubs : fish).add(fromLeft ? 0 : GRID - 1, y, direction, moveInterval, ENEMY_SHOT_INTERVAL);
    }

    @Override
    void draw(float[] obs, int offset) {
        mark(obs, offset, subY, subX, 0);
        mark(obs, offset, subY, facingRight ? subX - 1 : subX + 1, 1);
        for (int col = 0; col < oxygenCells(); col++) {
            mark(obs, offset, GAUGE_ROW, col, 7);
        }
        for (int col = GRID - 1 - Math.max(0, diverCount); col < GRID - 1; col++) {
            mark(obs, offset, GAUGE_ROW, col, 8);
        }
        drawMovers(obs, offset, friendlyBullets, 2, false);
        drawMovers(obs, offset, enemyBullets, 4, false);
        drawMovers(obs, offset, fish, 5, true);
        drawMovers(obs, offset, enemySubs, 6, true);
        drawMovers(obs, offset, divers, 9, true);
    }

    private void drawMovers(float[] obs, int offset, Movers movers, int channel, boolean withTrail) {
        for (int i = 0; i < movers.size(); i++) {
            mark(obs, offset, movers.y[i], movers.x[i], channel);
            int behind = movers.x[i] - movers.direction[i];
            if (withTrail && behind >= 0 && behind < GRID) {
                mark(obs, offset, movers.y[i], behind, 3);
            }
        }
    }

    void setSub(int x, int y, boolean right) {
        subX = x;
        subY = y;
        facingRight = right;
        surfaced = y == 0;
    }

    void setDiverCount(int count) {
        diverCount = count;
    }

    void setOxygen(int units) {
        oxygen = units;
    }

    /** Sets the frames until the next enemy and diver spawn. */
    void setSpawnTimers(int enemy, int diver) {
        spawnTimer = enemy;
        diverSpawnTimer = diver;
    }

    void addFish(int x, int y, int direction, int moveTimer) {
        fish.add(x, y, direction, moveTimer, 0);
    }

    void addEnemySub(int x, int y, int direction, int moveTimer, int shotTimer) {
        enemySubs.add(x, y, direction, moveTimer, shotTimer);
    }

    void addDiver(int x, int y, int direction, int moveTimer) {
        divers.add(x, y, direction, moveTimer, 0);
    }

    int diverCount() {
        return diverCount;
    }

    int oxygen() {
        return oxygen;
    }

    int fishCount() {
        return fish.size();
    }

    int enemyBulletCount() {
        return enemyBullets.size();
    }

    int spawnInterval() {
        return spawnInterval;
    }

    int moveInterval() {
        return moveInterval;
    }

    @Override
    void saveGame(StateWriter out) {
        friendlyBullets.save(out);
        enemyBullets.save(out);
        fish.save(out);
        enemySubs.save(out);
        divers.save(out);
        out.writeInt(subX);
        out.writeInt(subY);
        out.writeBoolean(facingRight);
        out.writeInt(oxygen);
        out.writeInt(diverCount);
        out.writeBoolean(surfaced);
        out.writeInt(spawnInterval);
        out.writeInt(spawnTimer);
        out.writeInt(diverSpawnTimer);
        out.writeInt(moveInterval);
        out.writeInt(shotTimer);
        out.writeInt(rampLevel);
    }

    @Override
    void restoreGame(StateReader in) {
        friendlyBullets.restore(in);
        enemyBullets.restore(in);
        fish.restore(in);
        enemySubs.restore(in);
        divers.restore(in);
        subX = in.readInt();
        subY = in.readInt();
        facingRight = in.readBoolean();
        oxygen = in.readInt();
        diverCount = in.readInt();
        surfaced = in.readBoolean();
        spawnInterval = in.readInt();
        spawnTimer = in.readInt();
        diverSpawnTimer = in.readInt();
        moveInterval = in.readInt();
        shotTimer = in.readInt();
        rampLevel = in.readInt();
    }
}
