package org.jdive.bench.opencl;

import java.util.concurrent.TimeUnit;
import org.jdive.core.backend.Backends;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.UnaryOp;
import org.jdive.opencl.OpenClBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one kernel launch costs on the OpenCL backend, on a one-element buffer so the work is nothing:
 * {@code queued} enqueues 100 launches and waits once (the steady cost per op inside a training step);
 * {@code roundTrip} launches one and waits (the cost when every op's result is needed at once);
 * {@code readBack} launches one and downloads a float (as {@code loss.item()} does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LaunchOverheadBenchmark {

    private static final int LAUNCHES = 100;

    private OpenClBackend backend;
    private Buffer one;
    private final float[] host = new float[1];

    @Setup
    public void setup() {
        backend = (OpenClBackend) Backends.get("opencl");
        one = backend.allocate(1);
    }

    @Benchmark
    @OperationsPerInvocation(LAUNCHES)
    public void queued() {
        for (int i = 0; i < LAUNCHES; i++) {
            backend.unary(UnaryOp.ADD_SCALAR, 1f, one, one, 1);
        }
        backend.finish();
    }

    @Benchmark
    public void roundTrip() {
        backend.unary(UnaryOp.ADD_SCALAR, 1f, one, one, 1);
        backend.finish();
    }

    @Benchmark
    public float readBack() {
        backend.unary(UnaryOp.ADD_SCALAR, 1f, one, one, 1);
        backend.download(one, 0, host, 0, 1);
        return host[0];
    }

    @TearDown
    public void tearDown() {
        one.release();
    }
}
