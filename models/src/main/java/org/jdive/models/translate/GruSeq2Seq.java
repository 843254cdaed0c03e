package org.jdive.models.translate;

import org.jdive.core.Tensor;

/** D2L 10.7's RNN encoder–decoder: {@link Seq2SeqEncoder} and {@link Seq2SeqDecoder}, no attention. */
public final class GruSeq2Seq extends Seq2Seq {

    private final Seq2SeqEncoder encoder;
    private final Seq2SeqDecoder decoder;

    /** The encoder and the decoder, registered under the book's names. */
    public GruSeq2Seq(Seq2SeqEncoder encoder, Seq2SeqDecoder decoder) {
        this.encoder = registerModule("encoder", encoder);
        this.decoder = registerModule("decoder", decoder);
    }

    /** The encoder ignores the valid lengths, as the book's: the context is its output at the last (maybe padded) step. */
    @Override
    public Decoding begin(Tensor source, Tensor validLength) {
        return decoding(decoder.initState(encoder.encode(source)));
    }

    private Decoding decoding(Seq2SeqDecoder.State start) {
        return new Decoding() {
            private Seq2SeqDecoder.State state = start;

            @Override
            public Tensor decode(Tensor ids) {
                Seq2SeqDecoder.Output out = decoder.forward(ids, state);
                state = out.state();
                return out.logits();
            }

            @Override
            public Tensor attention() {
                return null;
            }

            @Override
            public Decoding rows(Tensor rows) {
                return decoding(new Seq2SeqDecoder.State(pick(state.encoderOutputs(), 1, rows),
                        pick(state.hidden(), 1, rows)));
            }
        };
    }
}
