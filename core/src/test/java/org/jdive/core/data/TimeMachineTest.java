package org.jdive.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Time Machine and its vocabulary as D2L 1.0.3 prints them (sections 9.2 and 9.3). */
class TimeMachineTest {

    /** data/timemachine in the project root, found from the working directory (the module's folder under Maven). */
    private static Path folder() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/timemachine"))) {
                return p.resolve("data/timemachine");
            }
        }
        throw new IllegalStateException("data/timemachine not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void preprocessingAsTheBook() {
        assertEquals("the time machine by h g wells ", TimeMachine.preprocess("The Time Machine, by H. G. Wells [1898]\n\n"));
    }

    @Test
    void corpusAndVocabularyAsTheBookPrintsThem() throws IOException {
        TimeMachine.Corpus corpus = TimeMachine.build(TimeMachine.read(folder()));
        // D2L 9.2: len(corpus), len(vocab) = (173428, 28); the first ten indices of "the time m"
        assertEquals(173428, corpus.indices().length);
        assertEquals(28, corpus.vocab().size());
        assertArrayEquals(new int[] {21, 9, 6, 0, 21, 10, 14, 6, 0, 14}, java.util.Arrays.copyOf(corpus.indices(), 10));
        assertEquals(" ", corpus.vocab().token(0));
        assertEquals(Vocab.UNK, corpus.vocab().token(1));
        assertEquals("a", corpus.vocab().token(2));
        assertEquals("z", corpus.vocab().token(27));
        assertEquals(" ", corpus.vocab().tokenFreqs().get(0).token());
        assertEquals("e", corpus.vocab().tokenFreqs().get(1).token());
    }

    @Test
    void windowsShiftTargetsByOne() throws IOException {
        TimeMachine.Splits splits = TimeMachine.load(folder(), 5, 7, 3);
        assertEquals(7, splits.train().size());
        assertEquals(3, splits.validation().size());
        float[] x = new float[5];
        float[] y = new float[5];
        splits.validation().copyFeatures(0, x, 0);
        splits.validation().copyTarget(0, y, 0);
        // window 7 of "the time machine …": "e mac" → " mach"
        StringBuilder in = new StringBuilder();
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < 5; t++) {
            in.append(splits.vocab().token((int) x[t]));
            out.append(splits.vocab().token((int) y[t]));
        }
        assertEquals("e mac", in.toString());
        assertEquals(" mach", out.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> TimeMachine.load(folder(), 32, 170000, 5000));
        assertTrue(e.getMessage().contains("173396 windows"), e.getMessage());
    }

    @Test
    void vocabularyKeepsFrequentAndReservedTokensInSortedOrder() {
        Vocab v = new Vocab(List.of("b", "a", "c", "b", "c", "d", "c"), 2, List.of("<pad>"));
        assertEquals(List.of("<pad>", "<unk>", "b", "c"), v.tokens());
        assertEquals(3, v.index("c"));
        assertEquals(v.unk(), v.index("a"));
        assertEquals(List.of(new Vocab.TokenCount("c", 3), new Vocab.TokenCount("b", 2), new Vocab.TokenCount("a", 1),
                new Vocab.TokenCount("d", 1)), v.tokenFreqs());
    }
}
