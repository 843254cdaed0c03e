package org.jdive.envs.classic;

/** The colours of the classic-control frames (those of Gymnasium's pictures where it has them). */
final class ClassicPalette {

    static final int SKY = 0xFFFFFF;
    static final int TRACK = 0x000000;
    static final int BODY = 0x000000;
    static final int POLE = 0xCA9865;
    static final int AXLE = 0x8184CB;
    static final int HILL = 0x000000;
    static final int WHEEL = 0x808080;
    static final int FLAG = 0xCCCC00;
    static final int LINK = 0x00CCCC;
    static final int JOINT = 0xCCCC00;
    static final int ROD = 0xCC4D4D;

    private ClassicPalette() {
    }
}
