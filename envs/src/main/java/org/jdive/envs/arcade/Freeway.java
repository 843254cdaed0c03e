package org.jdive.envs.arcade;

import java.util.Arrays;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * MinAtar Freeway: a chicken in column 4 crosses eight lanes of traffic from the bottom row to the top.
 *
 * <p>Channels: 0 chicken, 1 car, 2–6 trail of a car of speed 1..5 (the trail sits behind the car, so its
 * side gives the direction and its channel the speed; a car of speed s moves once every s + 1 frames).
 * Minimal actions: no-op, up, down. No difficulty ramp.
 *
 * <p>Rules: the chicken moves at most once every 3 frames. Reaching the top row pays +1, sends the chicken
 * back to the bottom and re-draws every car's speed (1..5) and direction. Car {@code i}
 * drives in row {@code i + 1}, all starting in column 0, and wraps around at the edges; a car on the
 * chicken's cell, before or after it moves, sends the chicken back to the bottom. The episode terminates on
 * the frame its 2,500-frame timer runs below zero, i.e. on the 2,501st step, as in MinAtar.
 */
public final class Freeway extends ArcadeGame {

    static final int PLAYER_SPEED = 3;
    static final int TIME_LIMIT = 2500;
    static final int CHICKEN_COLUMN = 4;
    static final int CARS = 8;
    private static final int BOTTOM = GRID - 1;

    private final int[] carX = new int[CARS];
    /** The sign is the direction (+ is rightward), the magnitude 1..5 the speed: frames waited between moves. */
    private final int[] carVelocity = new int[CARS];
    private final int[] carTimer = new int[CARS];
    private int chickenRow;
    private int moveTimer;
    private int framesLeft;

    /**
     * A game set up by {@code settings} (action set, difficulty ramping, sticky actions); the ids {@code
     * MinAtar/Freeway-v0} and {@code -v1} build it with MinAtar's defaults.
     */
    public Freeway(ArcadeSettings settings) {
        super(new String[] {"chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"},
                "C#12345", "nud", settings);
    }

    @Override
    void startGame() {
        Arrays.fill(carX, 0);
        randomizeCars();
        chickenRow = BOTTOM;
        moveTimer = PLAYER_SPEED;
        framesLeft = TIME_LIMIT;
    }

    private void randomizeCars() {
        for (int car = 0; car < CARS; car++) {
            int speed = 1 + rng.nextInt(5);
            carVelocity[car] = rng.nextBoolean() ? speed : -speed;
            carTimer[car] = speed;
        }
    }

    @Override
    int playFrame(int action) {
        if (moveTimer == 0 && (action == UP || action == DOWN)) {
            moveTimer = PLAYER_SPEED;
            chickenRow = action == UP ? Math.max(0, chickenRow - 1) : Math.min(BOTTOM, chickenRow + 1);
        }
        int reward = 0;
        if (chickenRow == 0) {
            reward = 1;
            randomizeCars();
            chickenRow = BOTTOM;
        }
        for (int car = 0; car < CARS; car++) {
            hitIfOnChicken(car);
            if (carTimer[car] == 0) {
                carTimer[car] = Math.abs(carVelocity[car]);
                carX[car] = Math.floorMod(carX[car] + Integer.signum(carVelocity[car]), GRID);
                hitIfOnChicken(car);
            } else {
                carTimer[car]--;
            }
        }
        if (moveTimer > 0) {
            moveTimer--;
        }
        framesLeft--;
        if (framesLeft < 0) {
            terminal = true;
        }
        return reward;
    }

    private void hitIfOnChicken(int car) {
        if (carX[car] == CHICKEN_COLUMN && car + 1 == chickenRow) {
            chickenRow = BOTTOM;
        }
    }

    @Override
    void draw(float[] obs, int offset) {
        mark(obs, offset, chickenRow, CHICKEN_COLUMN, 0);
        for (int car = 0; car < CARS; car++) {
            int row = car + 1;
            mark(obs, offset, row, carX[car], 1);
            int behind = Math.floorMod(carX[car] - Integer.signum(carVelocity[car]), GRID);
            mark(obs, offset, row, behind, 1 + Math.abs(carVelocity[car]));
        }
    }

    /** Puts car {@code car} at column {@code x} moving once every |velocity| frames in velocity's direction. */
    void setCar(int car, int x, int velocity) {
        carX[car] = x;
        carVelocity[car] = velocity;
        carTimer[car] = Math.abs(velocity);
    }

    void setChickenRow(int row) {
        chickenRow = row;
    }

    void setMoveTimer(int frames) {
        moveTimer = frames;
    }

    int chickenRow() {
        return chickenRow;
    }

    int carX(int car) {
        return carX[car];
    }

    int carVelocity(int car) {
        return carVelocity[car];
    }

    @Override
    void saveGame(StateWriter out) {
        out.writeInts(carX);
        out.writeInts(carVelocity);
        out.writeInts(carTimer);
        out.writeInt(chickenRow);
        out.writeInt(moveTimer);
        out.writeInt(framesLeft);
    }

    @Override
    void restoreGame(StateReader in) {
        in.readInts(carX);
        in.readInts(carVelocity);
        in.readInts(carTimer);
        chickenRow = in.readInt();
        moveTimer = in.readInt();
        framesLeft = in.readInt();
    }
}
