package org.jdive.models.translate;

import org.jdive.core.Tensor;

/** D2L 11.4's encoder–decoder with Bahdanau attention: {@link Seq2SeqEncoder} and {@link Seq2SeqAttentionDecoder}. */
public final class BahdanauSeq2Seq extends Seq2Seq {

    private final Seq2SeqEncoder encoder;
    private final Seq2SeqAttentionDecoder decoder;

    /** The encoder and the decoder, registered under the book's names. */
    public BahdanauSeq2Seq(Seq2SeqEncoder encoder, Seq2SeqAttentionDecoder decoder) {
        this.encoder = registerModule("encoder", encoder);
        this.decoder = registerModule("decoder", decoder);
    }

    @Override
    public Decoding begin(Tensor source, Tensor validLength) {
        return decoding(decoder.initState(encoder.encode(source), validLength));
    }

    private Decoding decoding(Seq2SeqAttentionDecoder.State start) {
        return new Decoding() {
            private Seq2SeqAttentionDecoder.State state = start;

            @Override
            public Tensor decode(Tensor ids) {
                Seq2SeqAttentionDecoder.Output out = decoder.forward(ids, state);
                state = out.state();
                return out.logits();
            }

            @Override
            public Tensor attention() {
                return decoder.attentionWeights();
            }

            @Override
            public Decoding rows(Tensor rows) {
                return decoding(new Seq2SeqAttentionDecoder.State(pick(state.encoderOutputs(), 0, rows),
                        pick(state.hidden(), 1, rows), pick(state.validLength(), 0, rows)));
            }
        };
    }
}
