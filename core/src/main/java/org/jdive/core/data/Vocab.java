package org.jdive.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A vocabulary for text, as D2L 1.0.3's {@code Vocab} (section 9.2): the tokens that occur at least {@code minFreq} times,
 * the reserved tokens and {@code <unk>}, indexed in sorted order (D2L sorts the set of tokens by code point, so for
 * The Time Machine's characters space is 0, {@code <unk>} 1 and the letters 2–27). A token it does not hold maps to
 * {@code <unk>}. {@link #tokenFreqs()} lists the counted tokens most frequent first, ties in order of first
 * occurrence, as D2L's stable sort of a {@code Counter}'s items does.
 */
public final class Vocab {

    /** The token that stands for every token the vocabulary does not hold. */
    public static final String UNK = "<unk>";

    /** A token and how often it occurs. */
    public record TokenCount(String token, int count) {
    }

    private final List<String> idxToToken;
    private final Map<String, Integer> tokenToIdx = new HashMap<>();
    private final List<TokenCount> tokenFreqs;

    /** Every token of {@code tokens}, as D2L's {@code Vocab(tokens)}. */
    public Vocab(List<String> tokens) {
        this(tokens, 0, List.of());
    }

    /** The tokens of {@code tokens} that occur at least {@code minFreq} times, with {@code reserved} and {@code <unk>}. */
    public Vocab(List<String> tokens, int minFreq, List<String> reserved) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : tokens) {
            counts.merge(t, 1, Integer::sum);
        }
        List<TokenCount> freqs = new ArrayList<>();
        counts.forEach((t, n) -> freqs.add(new TokenCount(t, n)));
        freqs.sort((a, b) -> Integer.compare(b.count(), a.count())); // stable: ties keep their first occurrence's order
        tokenFreqs = Collections.unmodifiableList(freqs);
        TreeSet<String> kept = new TreeSet<>(reserved);
        kept.add(UNK);
        for (TokenCount tc : freqs) {
            if (tc.count() >= minFreq) {
                kept.add(tc.token());
            }
        }
        idxToToken = List.copyOf(kept);
        for (int i = 0; i < idxToToken.size(); i++) {
            tokenToIdx.put(idxToToken.get(i), i);
        }
    }

    /** The number of tokens, {@code <unk>} and the reserved ones included. */
    public int size() {
        return idxToToken.size();
    }

    /** The index of {@code token}, or of {@code <unk>} when the vocabulary does not hold it. */
    public int index(String token) {
        Integer i = tokenToIdx.get(token);
        return i != null ? i : unk();
    }

    /** The indices of {@code tokens}, each as {@link #index}. */
    public int[] indices(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(tokens.get(i));
        }
        return out;
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= idxToToken.size()) {
            throw new IndexOutOfBoundsException("token index " + index + " is outside the vocabulary [0, " + size() + ")");
        }
        return idxToToken.get(index);
    }

    /** The tokens in index order. */
    public List<String> tokens() {
        return idxToToken;
    }

    /** The index of {@code <unk>}. */
    public int unk() {
        return tokenToIdx.get(UNK);
    }

    /** Every counted token with its count, most frequent first (ties in order of first occurrence). */
    public List<TokenCount> tokenFreqs() {
        return tokenFreqs;
    }
}
