package org.jdive.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON subset a safetensors header uses (objects, arrays, strings, integers), parsed from UTF-8 bytes
 * so that errors can name the exact byte offset. Objects become {@link LinkedHashMap}s, arrays {@link List}s,
 * integers {@link Long}s.
 */
final class Json {

    /** Malformed JSON at a byte offset of the parsed bytes. */
    static final class SyntaxException extends Exception {
        final int offset;

        SyntaxException(int offset, String message) {
            super(message);
            this.offset = offset;
        }
    }

    private final byte[] bytes;
    private int pos;

    private Json(byte[] bytes) {
        this.bytes = bytes;
    }

    static Object parse(byte[] bytes) throws SyntaxException {
        Json p = new Json(bytes);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != bytes.length) {
            throw new SyntaxException(p.pos, "unexpected '" + (char) bytes[p.pos] + "' after the JSON value");
        }
        return value;
    }

    private Object value() throws SyntaxException {
        skipSpace();
        if (pos >= bytes.length) {
            throw new SyntaxException(pos, "unexpected end of the header");
        }
        byte b = bytes[pos];
        return switch (b) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't', 'f', 'n' -> literal();
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    yield number();
                }
                throw new SyntaxException(pos, "unexpected '" + (char) b + "'");
            }
        };
    }

    private Map<String, Object> object() throws SyntaxException {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipSpace();
            int keyAt = pos;
            if (peek() != '"') {
                throw new SyntaxException(pos, "expected a quoted key");
            }
            String key = string();
            if (out.containsKey(key)) {
                throw new SyntaxException(keyAt, "duplicate key \"" + key + "\"");
            }
            expect(':');
            out.put(key, value());
            skipSpace();
            byte b = peek();
            pos++;
            if (b == '}') {
                return out;
            }
            if (b != ',') {
                throw new SyntaxException(pos - 1, "expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws SyntaxException {
        List<Object> out = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            byte b = peek();
            pos++;
            if (b == ']') {
                return out;
            }
            if (b != ',') {
                throw new SyntaxException(pos - 1, "expected ',' or ']'");
            }
        }
    }

    private String string() throws SyntaxException {
        int start = pos;
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            if (pos >= bytes.length) {
                throw new SyntaxException(start, "unterminated string");
            }
            byte b = bytes[pos++];
            if (b == '"') {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (b != '\\') {
                out.write(b);
                continue;
            }
            if (pos >= bytes.length) {
                throw new SyntaxException(start, "unterminated string");
            }
            byte e = bytes[pos++];
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    if (pos + 4 > bytes.length) {
                        throw new SyntaxException(pos, "truncated \\u escape");
                    }
                    int code;
                    try {
                        code = Integer.parseInt(new String(bytes, pos, 4, StandardCharsets.US_ASCII), 16);
                    } catch (NumberFormatException ex) {
                        throw new SyntaxException(pos, "bad \\u escape");
                    }
                    pos += 4;
                    out.writeBytes(String.valueOf((char) code).getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new SyntaxException(pos - 1, "bad escape '\\" + (char) e + "'");
            }
        }
    }

    private Long number() throws SyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
            pos++;
        }
        if (pos < bytes.length && (bytes[pos] == '.' || bytes[pos] == 'e' || bytes[pos] == 'E')) {
            throw new SyntaxException(start, "expected an integer");
        }
        try {
            return Long.parseLong(new String(bytes, start, pos - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new SyntaxException(start, "bad integer");
        }
    }

    private Object literal() throws SyntaxException {
        for (String word : new String[] {"true", "false", "null"}) {
            byte[] w = word.getBytes(StandardCharsets.US_ASCII);
            if (pos + w.length <= bytes.length && java.util.Arrays.equals(bytes, pos, pos + w.length, w, 0, w.length)) {
                pos += w.length;
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        throw new SyntaxException(pos, "unexpected '" + (char) bytes[pos] + "'");
    }

    private void expect(char c) throws SyntaxException {
        skipSpace();
        if (peek() != c) {
            throw new SyntaxException(pos, "expected '" + c + "'");
        }
        pos++;
    }

    private byte peek() throws SyntaxException {
        if (pos >= bytes.length) {
            throw new SyntaxException(pos, "unexpected end of the header");
        }
        return bytes[pos];
    }

    private void skipSpace() {
        while (pos < bytes.length && (bytes[pos] == ' ' || bytes[pos] == '\n' || bytes[pos] == '\r' || bytes[pos] == '\t')) {
            pos++;
        }
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
