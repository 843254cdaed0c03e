package org.jdive.tests;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * TensorBoard event files read as TensorBoard reads them, written here apart from the writer so that it checks it:
 * TFRecords whose length and data each carry a masked CRC32C, holding Event messages decoded by field number (TensorBoard's
 * tensorboard/compat/proto/event.proto and summary.proto).
 */
public final class EventFiles {

    private EventFiles() {
    }

    /** One Event: its wall time (field 1), step (2) and all its fields. */
    public record Event(double wallTime, long step, UnknownFieldSet fields) {

        /** The file version (field 3), or null. */
        public String fileVersion() {
            return fields.hasField(3) ? fields.getField(3).getLengthDelimitedList().getFirst().toStringUtf8() : null;
        }

        /** Whether this is a SessionLog (field 7) whose status (1) is START (1). */
        public boolean sessionStart() throws InvalidProtocolBufferException {
            return fields.hasField(7) && UnknownFieldSet.parseFrom(fields.getField(7).getLengthDelimitedList().getFirst())
                    .getField(1).getVarintList().equals(List.of(1L));
        }

        /** The summary's (5) values (1) that are simple values (2), by tag (1). */
        public Map<String, Float> scalars() throws InvalidProtocolBufferException {
            Map<String, Float> scalars = new LinkedHashMap<>();
            for (UnknownFieldSet value : values()) {
                if (value.hasField(2)) {
                    scalars.put(tag(value), Float.intBitsToFloat(value.getField(2).getFixed32List().getFirst()));
                }
            }
            return scalars;
        }

        /** The summary's values that are images (4), by tag: their encoded bytes (Image field 4). */
        public Map<String, byte[]> images() throws InvalidProtocolBufferException {
            Map<String, byte[]> images = new LinkedHashMap<>();
            for (UnknownFieldSet value : values()) {
                if (value.hasField(4)) {
                    UnknownFieldSet image = UnknownFieldSet.parseFrom(value.getField(4).getLengthDelimitedList().getFirst());
                    images.put(tag(value), image.getField(4).getLengthDelimitedList().getFirst().toByteArray());
                }
            }
            return images;
        }

        private List<UnknownFieldSet> values() throws InvalidProtocolBufferException {
            List<UnknownFieldSet> values = new ArrayList<>();
            if (fields.hasField(5)) {
                UnknownFieldSet summary = UnknownFieldSet.parseFrom(fields.getField(5).getLengthDelimitedList().getFirst());
                for (ByteString value : summary.getField(1).getLengthDelimitedList()) {
                    values.add(UnknownFieldSet.parseFrom(value));
                }
            }
            return values;
        }

        private static String tag(UnknownFieldSet value) {
            return value.getField(1).getLengthDelimitedList().getFirst().toStringUtf8();
        }
    }

    /** The event files of {@code folder}, in the order TensorBoard reads them (by name). */
    public static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }

    /** Every record of {@code file}, each checked against both its CRCs. */
    public static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            int at = in.position();
            byte[] length = new byte[8];
            in.get(length);
            check(file, at, length, in.getInt());
            byte[] data = new byte[Math.toIntExact(ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong())];
            in.get(data);
            check(file, at, data, in.getInt());
            UnknownFieldSet fields = UnknownFieldSet.parseFrom(data);
            events.add(new Event(Double.longBitsToDouble(fields.getField(1).getFixed64List().getFirst()),
                    fields.hasField(2) ? fields.getField(2).getVarintList().getFirst() : 0, fields));
        }
        return events;
    }

    /**
     * The scalars TensorBoard shows for the run in {@code folder}: tag, then step, then value, from its files in order;
     * a session start forgets what came before it at its step and after, as TensorBoard's loader does.
     */
    public static Map<String, TreeMap<Long, Float>> shownScalars(Path folder) throws IOException {
        Map<String, TreeMap<Long, Float>> shown = new TreeMap<>();
        for (Path file : list(folder)) {
            for (Event e : read(file)) {
                if (e.sessionStart()) {
                    shown.values().forEach(steps -> steps.tailMap(e.step(), true).clear());
                }
                e.scalars().forEach((tag, value) -> shown.computeIfAbsent(tag, t -> new TreeMap<>()).put(e.step(), value));
            }
        }
        return shown;
    }

    private static void check(Path file, int record, byte[] bytes, int masked) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if (Integer.rotateRight((int) crc.getValue(), 15) + 0xa282ead8 != masked) {
            throw new IOException(file + ": the record at byte " + record + " fails its CRC");
        }
    }
}
