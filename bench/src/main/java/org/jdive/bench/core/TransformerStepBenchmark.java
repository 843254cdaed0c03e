package org.jdive.bench.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.attention.TransformerDecoder;
import org.jdive.core.nn.attention.TransformerDecoderState;
import org.jdive.core.nn.attention.TransformerEncoder;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.GradClip;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of D2L 11.7's English–French Transformer: encoder and decoder of 2 blocks, 256 wide, FFN 64,
 * 4 heads, dropout 0.2, a batch of 128 sentence pairs of 9 steps (MTFraEng's defaults, whose vocabularies have 194
 * source and 214 target tokens), cross-entropy over the target, gradient clipping at norm 1 and Adam (lr 0.001):
 * forward, backward and update. Ten measured steps, each timed alone; tokens/s is {@code 128 · 9 / time} for target
 * tokens. {@code backend} picks the tensor backend ({@code -p backend=cpu,djl}).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TransformerStepBenchmark {

    static final int BATCH = 128;
    static final int STEPS = 9;
    static final int SRC_VOCAB = 194;
    static final int TGT_VOCAB = 214;

    @Param({"cpu"})
    public String backend;

    private TransformerEncoder encoder;
    private TransformerDecoder decoder;
    private Adam adam;
    private Tensor src;
    private Tensor srcValidLens;
    private Tensor decInput;
    private Tensor labels;

    @Setup(Level.Trial)
    public void setup() {
        Backends.setDefault(Backends.get(backend));
        UniformRandomProvider rng = Rng.seeded(1);
        encoder = new TransformerEncoder(SRC_VOCAB, 256, 64, 4, 2, 0.2f, rng);
        decoder = new TransformerDecoder(TGT_VOCAB, 256, 64, 4, 2, 0.2f, rng);
        src = ids(rng, SRC_VOCAB);
        decInput = ids(rng, TGT_VOCAB);
        labels = ids(rng, TGT_VOCAB);
        float[] lens = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            lens[i] = 3 + rng.nextInt(STEPS - 2);
        }
        srcValidLens = Tensor.of(lens, BATCH).keep();
        try (org.jdive.core.Scope s = org.jdive.core.Scope.open()) {
            loss();   // the lazy layers take their sizes
        }
        List<Tensor> params = new ArrayList<>(encoder.parameters());
        params.addAll(decoder.parameters());
        adam = new Adam(params, 0.001f);
    }

    private static Tensor ids(UniformRandomProvider rng, int vocab) {
        float[] v = new float[BATCH * STEPS];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(vocab);
        }
        return Tensor.of(v, BATCH, STEPS).keep();
    }

    private Tensor loss() {
        TransformerDecoderState state = decoder.initState(encoder.forward(src, srcValidLens), srcValidLens);
        Tensor logits = decoder.forward(decInput, state);
        return Losses.crossEntropy(logits.reshape(BATCH * STEPS, TGT_VOCAB), labels.reshape(BATCH * STEPS));
    }

    @Benchmark
    public float trainStep() {
        try (org.jdive.core.Scope scope = org.jdive.core.Scope.open()) {
            adam.zeroGrad();
            Tensor loss = loss();
            loss.backward();
            GradClip.byNorm(adam.parameters(), 1f);
            adam.step();
            return loss.item();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        adam.close();
        encoder.close();
        decoder.close();
        for (Tensor t : new Tensor[] {src, srcValidLens, decInput, labels}) {
            t.close();
        }
    }
}
