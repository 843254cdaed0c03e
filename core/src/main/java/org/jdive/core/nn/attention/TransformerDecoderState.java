package org.jdive.core.nn.attention;

import org.jdive.core.Tensor;

/**
 * What D2L 11.7.5's {@code init_state} returns: the encoder's outputs, the source's valid lengths, and for each
 * decoder block the representations it has seen so far (its input at every step decoded), which become its
 * self-attention keys and values. In training the whole target goes through at once and the caches start empty;
 * when predicting token by token they grow by one step per call. The cached tensors belong to the scope of the call
 * that made them, so a prediction loop keeps one scope open across its steps.
 */
public final class TransformerDecoderState {

    private final Tensor encOutputs;
    private final Tensor encValidLens;
    private final Tensor[] keyValues;

    /**
     * @param encOutputs   the encoder's outputs {@code [batch, source steps, numHiddens]}
     * @param encValidLens the source's valid lengths {@code [batch]}, or null for no mask
     * @param numBlks      the number of decoder blocks
     */
    public TransformerDecoderState(Tensor encOutputs, Tensor encValidLens, int numBlks) {
        this.encOutputs = encOutputs;
        this.encValidLens = encValidLens;
        this.keyValues = new Tensor[numBlks];
    }

    /**
     * This state for a new batch made of its rows {@code rows} ({@code [rows]}, row numbers as floats; a row may be
     * taken twice): the encoder's outputs, the valid lengths and every block's cache, each picked along its batch axis.
     * Beam search uses it to carry on the hypotheses it keeps.
     */
    public TransformerDecoderState rows(Tensor rows) {
        TransformerDecoderState picked = new TransformerDecoderState(encOutputs.gather(0, rows),
                encValidLens == null ? null : encValidLens.gather(0, rows), keyValues.length);
        for (int i = 0; i < keyValues.length; i++) {
            picked.keyValues[i] = keyValues[i] == null ? null : keyValues[i].gather(0, rows);
        }
        return picked;
    }

    /** The encoder's outputs. */
    public Tensor encOutputs() {
        return encOutputs;
    }

    /** The source's valid lengths, or null. */
    public Tensor encValidLens() {
        return encValidLens;
    }

    /** Block {@code i}'s inputs so far {@code [batch, steps decoded, numHiddens]}, or null before its first call. */
    public Tensor keyValues(int i) {
        checkBlock(i);
        return keyValues[i];
    }

    void setKeyValues(int i, Tensor value) {
        checkBlock(i);
        keyValues[i] = value;
    }

    private void checkBlock(int i) {
        if (i < 0 || i >= keyValues.length) {
            throw new IllegalArgumentException("decoder block " + i + " has no cache in a state made for "
                    + keyValues.length + " blocks");
        }
    }
}
