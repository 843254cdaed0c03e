package org.jdive.envs.toytext;

/** The colours of the gridworld frames, shared so that the same thing looks the same in every gridworld. */
final class GridPalette {

    static final int ICE = 0xD6ECFA;
    static final int GRID_LINE = 0xB4C8E6;
    static final int HOLE = 0x1E2A4A;
    static final int START = 0xC8A064;
    static final int GOAL = 0xF2C230;
    static final int AGENT = 0xD62828;
    static final int AGENT_FALLEN = 0x7A1414;
    static final int GRASS = 0x7FB069;
    static final int GRASS_DARK = 0x6FA059;
    static final int CLIFF = 0x5B4636;
    static final int ROAD = 0xE8E8E8;
    static final int WALL = 0x333333;
    static final int TAXI_EMPTY = 0xF2C230;
    static final int TAXI_FULL = 0x2E9E44;
    static final int PASSENGER = 0x2255CC;
    static final int DESTINATION = 0xB0309A;
    /** Taxi's R, G, Y, B stands, in the order of its locations. */
    static final int[] STANDS = {0xE03030, 0x30B030, 0xE0D020, 0x3050E0};

    private GridPalette() {
    }
}
