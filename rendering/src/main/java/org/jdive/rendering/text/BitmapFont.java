package org.jdive.rendering.text;

/**
 * The classic 5x7 pixel font for printable ASCII ({@code ' '} to {@code '~'}), each glyph in a 6x8 cell
 * (one column and one row of spacing). Characters outside that range draw as {@code '?'}.
 *
 * <p>Glyphs are stored as five column bytes each, bit 0 the top row, as in most 5x7 LCD fonts.
 */
public final class BitmapFont {

    /** Width of a glyph cell in font pixels, spacing included. */
    public static final int CELL_WIDTH = 6;
    /** Height of a glyph cell in font pixels, spacing included. */
    public static final int CELL_HEIGHT = 8;
    /** Width of the drawn part of a glyph. */
    public static final int GLYPH_WIDTH = 5;
    /** Height of the drawn part of a glyph. */
    public static final int GLYPH_HEIGHT = 7;

    private static final char FIRST = ' ';
    private static final char LAST = '~';

    private static final String COLUMNS = ""
            + "0000000000" + "00005F0000" + "0007000700" + "147F147F14" + "242A7F2A12" // space ! " # $
            + "2313086462" + "3649562050" + "0000070000" + "001C224100" + "0041221C00" // % & ' ( )
            + "082A1C2A08" + "08083E0808" + "0050300000" + "0808080808" + "0060600000" // * + , - .
            + "2010080402" + "3E5149453E" + "00427F4000" + "4261514946" + "2141454B31" // / 0 1 2 3
            + "1814127F10" + "2745454539" + "3C4A494930" + "0171090503" + "3649494936" // 4 5 6 7 8
            + "064949291E" + "0036360000" + "0056360000" + "0814224100" + "1414141414" // 9 : ; < =
            + "0041221408" + "0201510906" + "324979413E" + "7E1111117E" + "7F49494936" // > ? @ A B
            + "3E41414122" + "7F4141221C" + "7F49494941" + "7F09090901" + "3E4149497A" // C D E F G
            + "7F0808087F" + "00417F4100" + "2040413F01" + "7F08142241" + "7F40404040" // H I J K L
            + "7F020C027F" + "7F0408107F" + "3E4141413E" + "7F09090906" + "3E4151215E" // M N O P Q
            + "7F09192946" + "4649494931" + "01017F0101" + "3F4040403F" + "1F2040201F" // R S T U V
            + "3F4038403F" + "6314081463" + "0708700807" + "6151494543" + "007F414100" // W X Y Z [
            + "0204081020" + "0041417F00" + "0402010204" + "4040404040" + "0001020400" // \ ] ^ _ `
            + "2054545478" + "7F48444438" + "3844444420" + "384444487F" + "3854545418" // a b c d e
            + "087E090102" + "0C5252523E" + "7F08040478" + "00447D4000" + "2040443D00" // f g h i j
            + "7F10284400" + "00417F4000" + "7C04180478" + "7C08040478" + "3844444438" // k l m n o
            + "7C14141408" + "081414187C" + "7C08040408" + "4854545420" + "043F444020" // p q r s t
            + "3C4040207C" + "1C2040201C" + "3C4030403C" + "4428102844" + "0C5050503C" // u v w x y
            + "4464544C44" + "0008364100" + "00007F0000" + "0041360800" + "0804081008"; // z { | } ~

    private static final byte[] GLYPHS = decode();

    private BitmapFont() {
    }

    private static byte[] decode() {
        byte[] bytes = new byte[COLUMNS.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(COLUMNS, 2 * i, 2 * i + 2, 16);
        }
        return bytes;
    }

    /** Whether the pixel at column {@code x} (0..4) and row {@code y} (0..6, top first) of {@code c}'s glyph is set. */
    public static boolean pixel(char c, int x, int y) {
        if (x < 0 || x >= GLYPH_WIDTH || y < 0 || y >= GLYPH_HEIGHT) {
            return false;
        }
        char shown = c >= FIRST && c <= LAST ? c : '?';
        return (GLYPHS[(shown - FIRST) * GLYPH_WIDTH + x] >> y & 1) != 0;
    }

    /** Width in font pixels of one line of text, without the trailing spacing column. */
    public static int width(String line) {
        return line.isEmpty() ? 0 : line.length() * CELL_WIDTH - 1;
    }
}
