package org.jdive.rendering.record;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * GIF's variable-length LZW compression (GIF89a specification, appendix F): codes grow from
 * {@code minCodeSize + 1} to 12 bits, packed least-significant bit first; a clear code restarts the table
 * when all 4,096 codes are taken.
 */
final class Lzw {

    private static final int MAX_BITS = 12;
    private static final int MAX_CODES = 1 << MAX_BITS;
    private static final int HASH_SIZE = 8191; // prime, about twice the table size
    private static final int HASH_STEP = 97;

    private final int[] hashKeys = new int[HASH_SIZE];
    private final int[] hashCodes = new int[HASH_SIZE];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int bitBuffer;
    private int bitCount;

    /** Compresses palette {@code indices} (each below {@code 1 << minCodeSize}) to a code stream, clear and end codes included. */
    byte[] encode(byte[] indices, int minCodeSize) {
        out.reset();
        bitBuffer = 0;
        bitCount = 0;
        int clear = 1 << minCodeSize;
        int end = clear + 1;
        int codeSize = minCodeSize + 1;
        int next = end + 1;
        resetTable();
        write(clear, codeSize);
        int prefix = indices[0] & 0xFF;
        for (int i = 1; i < indices.length; i++) {
            int c = indices[i] & 0xFF;
            int key = prefix << 8 | c;
            int slot = find(key);
            if (hashKeys[slot] == key) {
                prefix = hashCodes[slot];
                continue;
            }
            write(prefix, codeSize);
            if (next >= 1 << codeSize && codeSize < MAX_BITS) {
                codeSize++;
            }
            if (next < MAX_CODES) {
                hashKeys[slot] = key;
                hashCodes[slot] = next++;
            } else {
                write(clear, codeSize);
                resetTable();
                codeSize = minCodeSize + 1;
                next = end + 1;
            }
            prefix = c;
        }
        write(prefix, codeSize);
        if (next >= 1 << codeSize && codeSize < MAX_BITS) {
            codeSize++;
        }
        write(end, codeSize);
        if (bitCount > 0) {
            out.write(bitBuffer & 0xFF);
        }
        return out.toByteArray();
    }

    private void resetTable() {
        Arrays.fill(hashKeys, -1);
    }

    /** The slot holding {@code key}, or the empty slot where it would go (open addressing). */
    private int find(int key) {
        int slot = Math.floorMod(key * 31 + (key >>> 13), HASH_SIZE);
        while (hashKeys[slot] != -1 && hashKeys[slot] != key) {
            slot = (slot + HASH_STEP) % HASH_SIZE;
        }
        return slot;
    }

    private void write(int code, int size) {
        bitBuffer |= code << bitCount;
        bitCount += size;
        while (bitCount >= 8) {
            out.write(bitBuffer & 0xFF);
            bitBuffer >>>= 8;
            bitCount -= 8;
        }
    }
}
