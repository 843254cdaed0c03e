package org.jdive.models.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.jdive.core.data.DataHome;
import org.jdive.core.data.Vocab;
import org.junit.jupiter.api.Test;

/** The English–French pipeline as D2L 10.5 builds it, on hand-made text and on the shipped file. */
class FraEngTest {

    @Test
    void preprocessingSeparatesPunctuationAndDropsNoBreakSpaces() {
        assertEquals("go .\tva !", FraEng.preprocess("Go.\tVa\u202f!"));
        assertEquals("hi , tom ! a b .", FraEng.preprocess("Hi, Tom! A\u00a0b ."));
    }

    @Test
    void tokenizingEndsEachSentenceWithEosAndReadsOneLineMoreThanAsked() {
        FraEng.Tokens t = FraEng.tokenize("go .\tva !\nhi  .\tsalut .\nno tab\nrun !\tcours !", 2);
        assertEquals(List.of(List.of("go", ".", "<eos>"), List.of("hi", ".", "<eos>")), t.source());
        assertEquals(List.of("salut", ".", "<eos>"), t.target().get(1));
        assertEquals(4, FraEng.tokenize("a\tb\nc\td\ne\tf\ng\th\ni\tj", 3).source().size(), "lines 0 to 3");
    }

    @Test
    void theBooksArraysFromTheShippedPairs() throws IOException {
        FraEng data = FraEng.load(DataHome.find(FraEng.NAME), 9, 512, 128);
        assertEquals(512, data.train().count());
        assertEquals(129, data.validation().count(), "the book's slice(num_train, None) of 641 pairs");
        assertEquals(129, data.validationReferences().size());
        // D2L 1.0.3's _preprocess, _tokenize and _build_arrays, run in Python on this file: 194 English and 211 French
        assertEquals(194, data.sourceVocab().size());
        assertEquals(211, data.targetVocab().size());
        // "go ." -> go . <eos> and six pads; "va !" -> <bos> va ! <eos> and pads
        FraEng.Examples first = data.train().range(0, 1);
        Vocab en = data.sourceVocab();
        Vocab fr = data.targetVocab();
        float pe = en.index("<pad>");
        assertArrayEquals(new float[] {en.index("go"), en.index("."), en.index("<eos>"), pe, pe, pe, pe, pe, pe},
                first.source());
        assertArrayEquals(new float[] {3}, first.sourceValidLength());
        float pf = fr.index("<pad>");
        assertArrayEquals(new float[] {fr.index("<bos>"), fr.index("va"), fr.index("!"), fr.index("<eos>"), pf, pf, pf,
                pf, pf}, first.decoderInput());
        assertArrayEquals(new float[] {fr.index("va"), fr.index("!"), fr.index("<eos>"), pf, pf, pf, pf, pf, pf},
                first.labels());
        assertEquals("va !", FraEng.tokenize(FraEng.preprocess("Go.\tVa\u202f!"), 0).target().getFirst().subList(0, 2)
                .stream().reduce((a, b) -> a + " " + b).orElseThrow());
    }

    @Test
    void buildingNewPairsUsesTheDataVocabulariesAndTruncates() throws IOException {
        FraEng data = FraEng.load(DataHome.find(FraEng.NAME), 4, 512, 128);
        FraEng.Examples built = data.build(List.of("I'm home.", "a b c d e f"), List.of("Je suis chez moi.", "x"));
        Vocab en = data.sourceVocab();
        assertArrayEquals(new float[] {en.index("i'm"), en.index("home"), en.index("."), en.index("<eos>")},
                java.util.Arrays.copyOfRange(built.source(), 0, 4));
        assertArrayEquals(new float[] {4, 4}, built.sourceValidLength(), "a long sentence is cut to num_steps");
        assertTrue(en.index("zyzzyva") == en.unk());
    }
}
