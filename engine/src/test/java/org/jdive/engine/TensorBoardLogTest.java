package org.jdive.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorBoard event files read back by a reader of the test's own: the TFRecord framing with both masked CRCs checked,
 * then each Event decoded by field number (event.proto, summary.proto) without generated classes.
 */
class TensorBoardLogTest {

    private static final double WALL = 1_700_000_000.25;

    @TempDir
    Path dir;

    @Test
    void scalarsImagesAndASessionStartReadBackWithTheirStepsAndWallTimes() throws IOException {
        byte[] png = encoded(5, 3, "png");
        byte[] gif = encoded(7, 2, "gif");
        Path file;
        try (TensorBoardLog log = TensorBoardLog.create(dir.resolve("tb"), WALL)) {
            file = log.file();
            log.sessionStart(11, WALL + 1);
            Map<String, Double> scalars = new LinkedHashMap<>();
            scalars.put("train/loss", 0.1);
            scalars.put("train/return", -3.25);
            log.scalars(20, WALL + 2, scalars);
            log.image("samples", 20, WALL + 3, png);
            log.image("eval/recording", 30, WALL + 4, gif);
        }
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+"),
                file.toString());
        assertEquals(dir.resolve("tb"), file.getParent());

        List<UnknownFieldSet> events = read(file);
        assertEquals(5, events.size());
        assertEquals(WALL, wallTime(events.get(0)));
        assertEquals("brain.Event:2", string(events.get(0), 3), "the first record says the file version");

        assertEquals(11, step(events.get(1)));
        assertEquals(WALL + 1, wallTime(events.get(1)));
        UnknownFieldSet sessionLog = message(events.get(1), 7);
        assertEquals(List.of(1L), sessionLog.getField(1).getVarintList(), "SessionLog.status START");

        assertEquals(20, step(events.get(2)));
        assertEquals(WALL + 2, wallTime(events.get(2)));
        List<UnknownFieldSet> values = values(events.get(2));
        assertEquals(List.of("train/loss", "train/return"), values.stream().map(v -> string(v, 1)).toList());
        assertEquals(List.of(0.1f, -3.25f), values.stream()
                .map(v -> Float.intBitsToFloat(v.getField(2).getFixed32List().getFirst())).toList());

        UnknownFieldSet image = message(values(events.get(3)).getFirst(), 4);
        assertEquals("samples", string(values(events.get(3)).getFirst(), 1));
        assertEquals(List.of(3L), image.getField(1).getVarintList(), "height");
        assertEquals(List.of(5L), image.getField(2).getVarintList(), "width");
        assertArrayEquals(png, image.getField(4).getLengthDelimitedList().getFirst().toByteArray());

        UnknownFieldSet animation = message(values(events.get(4)).getFirst(), 4);
        assertEquals(30, step(events.get(4)));
        assertEquals(List.of(2L), animation.getField(1).getVarintList());
        assertEquals(List.of(7L), animation.getField(2).getVarintList());
        assertArrayEquals(gif, animation.getField(4).getLengthDelimitedList().getFirst().toByteArray());
    }

    @Test
    void aSecondFileInTheSameSecondIsNamedToSortAfterTheFirst() throws IOException {
        Path first;
        Path second;
        try (TensorBoardLog a = TensorBoardLog.create(dir, WALL); TensorBoardLog b = TensorBoardLog.create(dir, WALL)) {
            first = a.file();
            second = b.file();
        }
        assertEquals(first.getFileName() + ".1", second.getFileName().toString());
        assertTrue(first.toString().compareTo(second.toString()) < 0, "TensorBoard reads a folder's files by name");
    }

    @Test
    void aCorruptedByteIsCaughtByTheCrcOfItsPart() throws IOException {
        Path file;
        try (TensorBoardLog log = TensorBoardLog.create(dir, WALL)) {
            file = log.file();
            log.scalars(1, WALL, Map.of("train/loss", 2.0));
        }
        byte[] bytes = Files.readAllBytes(file);
        int second = 8 + 4 + (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0) + 4;

        byte[] data = bytes.clone();
        data[data.length - 6] ^= 0x10; // inside the scalar's value
        Files.write(file, data);
        assertTrue(assertThrows(IOException.class, () -> read(file)).getMessage().contains("data CRC"));

        byte[] length = bytes.clone();
        length[second] ^= 0x01;
        Files.write(file, length);
        assertTrue(assertThrows(IOException.class, () -> read(file)).getMessage().contains("length CRC"));
    }

    @Test
    void maskedCrc32cMatchesKnownAnswers() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(check);
        assertEquals(0xE3069283L, crc.getValue(), "CRC-32C's standard check value");
        assertEquals(0xC78AB0E5, TensorBoardLog.maskedCrc32c(check, 0, check.length),
                "rotated right by 15 bits, plus 0xa282ead8");
        // A record of a real TensorFlow event file, Event(file_version="CRC test, one two"), as TensorBoard's own
        // reader (tensorboard/data/server/masked_crc.rs) tests it.
        byte[] event = "\u001a\u0011CRC test, one two".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x5794D08A, TensorBoardLog.maskedCrc32c(event, 0, event.length));
    }

    @Test
    void onlyPngAndGifAreImages() throws IOException {
        try (TensorBoardLog log = TensorBoardLog.create(dir, WALL)) {
            byte[] jpeg = encoded(4, 4, "jpeg");
            var e = assertThrows(IllegalArgumentException.class, () -> log.image("x", 0, WALL, jpeg));
            assertTrue(e.getMessage().contains("PNG or a GIF"), e.getMessage());
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsNamed() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("tb"), "a file where the folder goes");
        var e = assertThrows(IOException.class, () -> TensorBoardLog.create(notAFolder, WALL));
        assertTrue(e.getMessage().startsWith("cannot write " + notAFolder.resolve("events.out.tfevents.1700000000.")),
                e.getMessage());
    }

    // ---- the test's reader ----

    /** Every record of an event file, each length and data checked against its masked CRC32C, parsed as fields. */
    static List<UnknownFieldSet> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<UnknownFieldSet> events = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            byte[] length = new byte[8];
            in.get(length);
            check(file, start, "length", length, in.getInt());
            byte[] data = new byte[Math.toIntExact(ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong())];
            in.get(data);
            check(file, start, "data", data, in.getInt());
            events.add(UnknownFieldSet.parseFrom(data));
        }
        return events;
    }

    private static void check(Path file, int offset, String part, byte[] bytes, int stored) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int masked = Integer.rotateRight((int) crc.getValue(), 15) + 0xa282ead8;
        if (masked != stored) {
            throw new IOException(file + ": the record at byte " + offset + " fails its " + part + " CRC");
        }
    }

    static double wallTime(UnknownFieldSet event) {
        return Double.longBitsToDouble(event.getField(1).getFixed64List().getFirst());
    }

    static long step(UnknownFieldSet event) {
        return event.getField(2).getVarintList().getFirst();
    }

    static String string(UnknownFieldSet message, int field) {
        return message.getField(field).getLengthDelimitedList().getFirst().toStringUtf8();
    }

    static UnknownFieldSet message(UnknownFieldSet message, int field) throws IOException {
        ByteString bytes = message.getField(field).getLengthDelimitedList().getFirst();
        return UnknownFieldSet.parseFrom(bytes);
    }

    /** An Event's Summary.Value messages (Event.summary = 5, Summary.value = 1). */
    static List<UnknownFieldSet> values(UnknownFieldSet event) throws IOException {
        List<UnknownFieldSet> values = new ArrayList<>();
        for (ByteString v : message(event, 5).getField(1).getLengthDelimitedList()) {
            values.add(UnknownFieldSet.parseFrom(v));
        }
        return values;
    }

    private static byte[] encoded(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }
}
