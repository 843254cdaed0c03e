package org.jdive.rendering.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitmapFontTest {

    private static String glyph(char c) {
        StringBuilder s = new StringBuilder();
        for (int y = 0; y < BitmapFont.GLYPH_HEIGHT; y++) {
            for (int x = 0; x < BitmapFont.GLYPH_WIDTH; x++) {
                s.append(BitmapFont.pixel(c, x, y) ? '#' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }

    @Test
    void glyphsMatchTheClassicFont() {
        assertEquals("""
                .###.
                #...#
                #...#
                #...#
                #####
                #...#
                #...#
                """, glyph('A'), "the HD44780 LCD font's A, crossbar on the fifth row");
        assertEquals("""
                .###.
                #...#
                #..##
                #.#.#
                ##..#
                #...#
                .###.
                """, glyph('0'));
        assertEquals(".....\n".repeat(7), glyph(' '));
    }

    @Test
    void unknownCharactersDrawAsQuestionMarksAndWidthsCount() {
        assertEquals(glyph('?'), glyph('\u00e9'));
        assertFalse(BitmapFont.pixel('A', 5, 0));
        assertTrue(BitmapFont.pixel('|', 2, 6));
        assertEquals(0, BitmapFont.width(""));
        assertEquals(17, BitmapFont.width("abc"));
    }
}
