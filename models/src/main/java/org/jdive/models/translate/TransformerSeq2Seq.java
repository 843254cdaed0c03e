package org.jdive.models.translate;

import java.util.List;
import org.jdive.core.Tensor;
import org.jdive.core.nn.attention.TransformerDecoder;
import org.jdive.core.nn.attention.TransformerDecoderState;
import org.jdive.core.nn.attention.TransformerEncoder;

/**
 * D2L 11.7's Transformer for translation: a {@link TransformerEncoder} of the source (its padding masked by the valid
 * lengths) and a {@link TransformerDecoder} that caches what each block has seen, so that predicting one word at a time
 * attends to every word decoded before.
 */
public final class TransformerSeq2Seq extends Seq2Seq {

    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;

    /** The encoder and the decoder, registered under the book's names. */
    public TransformerSeq2Seq(TransformerEncoder encoder, TransformerDecoder decoder) {
        this.encoder = registerModule("encoder", encoder);
        this.decoder = registerModule("decoder", decoder);
    }

    @Override
    public Decoding begin(Tensor source, Tensor validLength) {
        return decoding(decoder.initState(encoder.forward(source, validLength), validLength));
    }

    private Decoding decoding(TransformerDecoderState state) {
        int batch = state.encOutputs().shape(0);
        return new Decoding() {
            @Override
            public Tensor decode(Tensor ids) {
                return decoder.forward(ids, state);
            }

            /** The last block's encoder–decoder weights {@code [batch · heads, steps, source]}, averaged over the heads. */
            @Override
            public Tensor attention() {
                List<Tensor> blocks = decoder.encoderDecoderAttentionWeights();
                if (blocks.isEmpty()) {
                    return null;
                }
                Tensor w = blocks.getLast();
                int heads = w.shape(0) / batch;
                return w.reshape(batch, heads, w.shape(1), w.shape(2)).mean(1, false);
            }

            @Override
            public Decoding rows(Tensor rows) {
                return decoding(state.rows(rows));
            }
        };
    }
}
