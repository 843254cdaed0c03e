package org.jdive.models.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** D2L's BLEU (k = 2) against the book's printed scores and against scores worked by hand. */
class BleuTest {

    @Test
    void theBooksTransformerScores() {
        // D2L 11.7.6 prints these translations with BLEU 1.000, 0.687, 0.658 and 1.000
        assertEquals(1.0, Bleu.of("va !", "va !", 2), 1e-12);
        assertEquals(0.687, Bleu.of("je perdu .", "j'ai perdu .", 2), 5e-4);
        assertEquals(0.658, Bleu.of("il est mouillé .", "il est calme .", 2), 5e-4);
        assertEquals(1.0, Bleu.of("je suis chez moi .", "je suis chez moi .", 2), 1e-12);
    }

    @Test
    void handWorkedScores() {
        // 2 of 3 unigrams, 1 of 2 bigrams: (2/3)^(1/2) · (1/2)^(1/4)
        assertEquals(Math.sqrt(2.0 / 3) * Math.pow(0.5, 0.25), Bleu.of("je perdu .", "j'ai perdu .", 2), 1e-12);
        // a two-word prediction of a four-word label: brevity exp(1 − 4/2); both unigrams and the bigram match
        assertEquals(Math.exp(-1), Bleu.of("je suis", "je suis chez moi", 2), 1e-12);
        // a repeated word matches the label's one occurrence once: 1 of 2 unigrams, 0 of 1 bigram
        assertEquals(0.0, Bleu.of("va va", "va !", 2), 1e-12);
        // the empty prediction is one empty word: no match
        assertEquals(0.0, Bleu.of("", "va !", 2), 1e-12);
        // D2L's "nous <unk> ." for "il est calme .": the brevity penalty exp(1 − 4/3) and 1 of 3 unigrams, no bigram
        assertEquals(0.0, Bleu.of("nous <unk> .", "il est calme .", 2), 1e-12);
        // k = 1: unigrams only, 1 of 3, length 3 of 4
        assertEquals(Math.exp(1 - 4.0 / 3) * Math.sqrt(1.0 / 3), Bleu.of("nous <unk> .", "il est calme .", 1), 1e-12);
    }
}
