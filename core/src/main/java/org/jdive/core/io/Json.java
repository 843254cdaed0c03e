package org.jdive.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON through Jackson's streaming parser and generator: safetensors headers read back as plain maps and lists (with
 * the byte offset of any error, duplicate keys refused), and the flat objects jdive writes (metrics lines, summaries,
 * journals, safetensors headers).
 */
public final class Json {

    /** Deeper nesting than any safetensors header has is refused before it costs a deep recursion. */
    private static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {
    }

    /** Malformed JSON at a byte offset of the parsed bytes. */
    static final class SyntaxException extends Exception {
        final long offset;

        SyntaxException(long offset, String message) {
            super(message);
            this.offset = offset;
        }
    }

    /**
     * The JSON value in {@code bytes} (UTF-8): objects become {@link LinkedHashMap}s in their order, arrays
     * {@link List}s, integers {@link Long}s; numbers with fractions or exponents are refused (a safetensors header
     * has none).
     */
    static Object parse(byte[] bytes) throws SyntaxException {
        requireUtf8(bytes);
        try (JsonParser p = FACTORY.createParser(bytes)) {
            if (p.nextToken() == null) {
                throw new SyntaxException(0, "no JSON value");
            }
            Object value = value(p);
            if (p.nextToken() != null) {
                throw new SyntaxException(p.currentTokenLocation().getByteOffset(), "more after the JSON value");
            }
            return value;
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getByteOffset());
            throw new SyntaxException(at, e.getOriginalMessage());
        } catch (IOException e) { // what Jackson's decoding refuses, should it refuse more than requireUtf8
            throw new SyntaxException(0, e.getMessage());
        }
    }

    /**
     * Refuses what is not UTF-8 text without NUL bytes, naming the first bad byte. JSON text is UTF-8 here (the
     * safetensors format says so), while Jackson, given bytes, guesses UTF-16 or UTF-32 from NUL bytes among the first
     * four; a NUL byte is never valid JSON in UTF-8 (a string holds it escaped).
     */
    private static void requireUtf8(byte[] bytes) throws SyntaxException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, CharBuffer.allocate(bytes.length), true);
        int valid = result.isError() ? in.position() : bytes.length;
        for (int i = 0; i < valid; i++) {
            if (bytes[i] == 0) {
                throw new SyntaxException(i, "a NUL byte");
            }
        }
        if (result.isError()) {
            throw new SyntaxException(valid, "not UTF-8 text");
        }
    }

    private static Object value(JsonParser p) throws IOException, SyntaxException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    object.put(key, value(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p));
                }
                yield array;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw new SyntaxException(p.currentTokenLocation().getByteOffset(), "integer out of range");
                }
                yield p.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
            case VALUE_NULL -> null;
            default -> throw new SyntaxException(p.currentTokenLocation().getByteOffset(), "expected an integer");
        };
    }

    /**
     * The JSON text of {@code value}: maps (in their order) and lists nest, {@code int[]} and {@code long[]} become
     * arrays, numbers and booleans are written as they are, NaN and infinities as {@code null}, anything else as the
     * string of its {@code toString()}.
     */
    public static String write(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not into a StringWriter
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object item : list) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case int[] ints -> g.writeArray(ints, 0, ints.length);
            case long[] longs -> g.writeArray(longs, 0, longs.length);
            case Double d when d.isNaN() || d.isInfinite() -> g.writeNull();
            case Float f when f.isNaN() || f.isInfinite() -> g.writeNull();
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Number n -> g.writeNumber(n.toString());
            case Boolean b -> g.writeBoolean(b);
            default -> g.writeString(value.toString());
        }
    }
}
