package org.jdive.opencl;

import static org.jdive.opencl.OpenClTestSupport.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiConsumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.backend.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SPI primitives the Tensor API reaches only indirectly, the runtime's memory and its errors. */
class OpenClBackendTest {

    private static OpenClBackend ocl;
    private static final Backend CPU = Backends.cpu();
    private final UniformRandomProvider rng = Rng.seeded(7);

    @BeforeAll
    static void openCl() {
        ocl = OpenClTestSupport.backend();
    }

    private float[] random(int n, float lo, float hi) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = lo + (hi - lo) * rng.nextFloat();
        }
        return data;
    }

    private static float[] read(Backend backend, Buffer buffer) {
        float[] out = new float[buffer.size()];
        backend.download(buffer, 0, out, 0, out.length);
        return out;
    }

    /**
     * Runs {@code update} three times on both backends from the same parameter and state buffers (the
     * first buffer is the parameter, the second the gradient) and compares every buffer afterwards.
     */
    private void checkOptimizer(String name, int buffers, BiConsumer<Backend, Buffer[]> update) {
        int n = 1000 + rng.nextInt(3000);
        float[][] initial = new float[buffers][];
        for (int b = 0; b < buffers; b++) {
            // Parameter and gradient in [-1, 1); the first state (a squared average) well above the square of
            // the others (such as a centred average), as real optimizer state is.
            initial[b] = b < 2 ? random(n, -1, 1) : b == 2 ? random(n, 0.5f, 1) : random(n, 0, 0.1f);
        }
        Buffer[] onCpu = new Buffer[buffers];
        Buffer[] onOcl = new Buffer[buffers];
        for (int b = 0; b < buffers; b++) {
            onCpu[b] = CPU.upload(initial[b], 0, n);
            onOcl[b] = ocl.upload(initial[b], 0, n);
        }
        for (int step = 0; step < 3; step++) {
            update.accept(CPU, onCpu);
            update.accept(ocl, onOcl);
        }
        for (int b = 0; b < buffers; b++) {
            assertClose(name + " buffer " + b, read(CPU, onCpu[b]), read(ocl, onOcl[b]), 1e-5f, 1e-6f);
            onCpu[b].release();
            onOcl[b].release();
        }
    }

    @Test
    void fusedOptimizerUpdatesMatchTheCpuBackend() {
        int[] step = {0};
        checkOptimizer("sgd", 2, (be, x) -> be.sgdUpdate(x[0], x[1], null, x[0].size(), 0.1f, 0f, 0f, 0.01f, false, false));
        for (boolean nesterov : new boolean[] {false, true}) {
            boolean[] first = {true, true};
            checkOptimizer("sgd momentum nesterov=" + nesterov, 3, (be, x) -> {
                int which = be == CPU ? 0 : 1;
                be.sgdUpdate(x[0], x[1], x[2], x[0].size(), 0.1f, 0.9f, 0.1f, 0.01f, nesterov, first[which]);
                first[which] = false;
            });
        }
        for (boolean decoupled : new boolean[] {false, true}) {
            int[] steps = {0, 0};
            checkOptimizer("adam decoupled=" + decoupled, 4, (be, x) -> {
                int which = be == CPU ? 0 : 1;
                be.adamUpdate(x[0], x[1], x[2], x[3], x[0].size(), 1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, decoupled,
                        ++steps[which]);
            });
        }
        checkOptimizer("rmsprop", 3, (be, x) -> be.rmspropUpdate(x[0], x[1], x[2], null, null, x[0].size(), 1e-2f,
                0.99f, 1e-8f, 0.01f, 0f));
        checkOptimizer("rmsprop centred momentum", 5, (be, x) -> be.rmspropUpdate(x[0], x[1], x[2], x[3], x[4],
                x[0].size(), 1e-2f, 0.99f, 1e-8f, 0f, 0.9f));
        int[] adagradSteps = {0, 0};
        checkOptimizer("adagrad", 3, (be, x) -> be.adagradUpdate(x[0], x[1], x[2], x[0].size(), 0.1f, 0.01f, 0.01f,
                1e-10f, ++adagradSteps[be == CPU ? 0 : 1]));
        checkOptimizer("adadelta", 4, (be, x) -> be.adadeltaUpdate(x[0], x[1], x[2], x[3], x[0].size(), 1f, 0.9f,
                1e-6f, 0.01f));
        assertEquals(0, step[0]);
    }

    @Test
    void everyReductionOnShortAndLongAxes() {
        int[][] views = {{3, 17, 5}, {1, 50_000, 1}, {2, 9_000, 3}, {300, 4, 1}};
        for (int[] v : views) {
            int outer = v[0], axis = v[1], inner = v[2];
            float[] data = random(outer * axis * inner, -1, 1);
            for (org.jdive.core.backend.ReduceOp op : org.jdive.core.backend.ReduceOp.values()) {
                float[] expected = new float[outer * inner];
                float[] actual = new float[outer * inner];
                for (Backend be : new Backend[] {CPU, ocl}) {
                    Buffer x = be.upload(data, 0, data.length);
                    Buffer out = be.allocate(outer * inner);
                    be.reduce(op, x, out, outer, axis, inner);
                    be.download(out, 0, be == CPU ? expected : actual, 0, expected.length);
                    x.release();
                    out.release();
                }
                assertClose(op + " over " + java.util.Arrays.toString(v), expected, actual, 1e-5f, 1e-5f);
            }
        }
    }

    @Test
    void copiesWithOffsetsAndStrides() {
        float[] data = random(60, -1, 1);
        Buffer src = ocl.upload(data, 0, 60);
        Buffer dst = ocl.allocate(40);
        ocl.copy(src, 5, dst, 10, 20);
        float[] expected = new float[40];
        System.arraycopy(data, 5, expected, 10, 20);
        assertArrayEquals(expected, read(ocl, dst));
        // A transpose of a 3x4 block starting at 2 into a 4x3 one starting at 1, and a broadcast column.
        Buffer cpuSrc = CPU.upload(data, 0, 60);
        Buffer cpuDst = CPU.upload(expected, 0, 40);
        for (Backend be : new Backend[] {CPU, ocl}) {
            Buffer s = be == CPU ? cpuSrc : src;
            Buffer d = be == CPU ? cpuDst : dst;
            be.copyStrided(s, 2, new int[] {4, 1}, d, 1, new int[] {1, 3}, new int[] {3, 4});
            be.copyStrided(s, 7, new int[] {0, 1, 0}, d, 20, new int[] {10, 2, 1}, new int[] {2, 5, 2});
        }
        assertArrayEquals(read(CPU, cpuDst), read(ocl, dst));
        src.release();
        dst.release();
        cpuSrc.release();
        cpuDst.release();
    }

    @Test
    void allocateGivesZerosEvenFromARecycledBuffer() {
        Buffer dirty = ocl.upload(random(500, 1, 2), 0, 500);
        dirty.release();
        Buffer clean = ocl.allocate(500);
        assertArrayEquals(new float[500], read(ocl, clean));
        clean.release();
    }

    @Test
    void anOutOfRangeIndexIsReportedAtTheNextRead() {
        Buffer x = ocl.upload(random(12, -1, 1), 0, 12);
        Buffer index = ocl.upload(new float[] {0, 3, 1}, 0, 3);
        Buffer out = ocl.allocate(3);
        ocl.gather(x, index, out, 3, 3, 1, 1); // row 1 asks for column 3 of 3
        var error = assertThrows(IndexOutOfBoundsException.class, () -> read(ocl, out));
        assertTrue(error.getMessage().contains("index 3, out of range [0, 3)"), error.getMessage());
        read(ocl, out); // reported once
        x.release();
        index.release();
        out.release();
    }

    @Test
    void steadyStateAllocatesNoNewDeviceBuffers() {
        long live = ocl.liveBuffers();
        long created = 0;
        for (int round = 0; round < 5; round++) {
            Buffer a = ocl.upload(random(1000, -1, 1), 0, 1000);
            Buffer b = ocl.allocate(900); // the same size class as 1000
            Buffer c = ocl.allocate(3000);
            ocl.matmul(1, 30, 30, 30, a, 0, false, b, 0, false, c, 0f);
            a.release();
            b.release();
            c.release();
            if (round == 0) {
                created = ocl.createdDeviceBuffers();
            }
        }
        assertEquals(created, ocl.createdDeviceBuffers(), "device buffers created after the first round");
        assertEquals(live, ocl.liveBuffers(), "live buffers");
    }

    @Test
    void sizeClassesWasteAtMostAQuarter() {
        for (int n : new int[] {1, 64, 65, 100, 1000, 1023, 1024, 1025, 123_457, 1 << 24}) {
            int c = BufferPool.sizeClass(n);
            assertTrue(c >= n && (n <= 64 || c <= n * 1.25 + 1), n + " -> " + c);
        }
        assertEquals(BufferPool.sizeClass(900), BufferPool.sizeClass(1000));
    }

    @Test
    void theGpuSgemmKernelMatchesToo() {
        // The local-memory kernel that GPUs get, run here on whatever device there is.
        OpenClBackend tiled = new OpenClBackend(ocl.device(), new Sgemm.Tiles(false, 64, 64, 16, 4, 4, 0));
        for (int[] mnk : new int[][] {{70, 33, 129}, {64, 64, 80}, {3, 300, 7}}) {
            int m = mnk[0], n = mnk[1], k = mnk[2];
            float[] a = random(2 * m * k, -1, 1);
            float[] b = random(k * n, -1, 1);
            float[] c0 = random(2 * m * n, -1, 1);
            float[] expected = new float[2 * m * n];
            float[] actual = new float[2 * m * n];
            for (Backend be : new Backend[] {CPU, tiled}) {
                Buffer ba = be.upload(a, 0, a.length);
                Buffer bb = be.upload(b, 0, b.length);
                Buffer bc = be.upload(c0, 0, c0.length);
                be.matmul(2, m, n, k, ba, m * k, true, bb, 0, false, bc, 0.5f);
                be.download(bc, 0, be == CPU ? expected : actual, 0, actual.length);
                ba.release();
                bb.release();
                bc.release();
            }
            assertClose("tiled sgemm " + m + "x" + n + "x" + k, expected, actual, 1e-4f, 1e-5f);
        }
    }

    @Test
    void aKernelThatDoesNotCompileShowsItsNameAndTheBuildLog() {
        ProgramCache cache = new ProgramCache(ocl.context(), ocl.device());
        var error = assertThrows(ClException.class,
                () -> cache.kernel("broken", "oops", () -> "__kernel void oops(__global float* x) { x[0] = y; }", ""));
        assertTrue(error.getMessage().contains("'broken'") && error.getMessage().contains("build log")
                && error.getMessage().contains("y"), error.getMessage());
    }

    @Test
    void anAllocationTooLargeForTheDeviceNamesTheSizes() {
        long tooMany = ocl.device().maxAllocationBytes() / 4 + 1;
        if (tooMany < Integer.MAX_VALUE) {
            var error = assertThrows(ClException.class, () -> ocl.allocate((int) tooMany));
            assertTrue(error.getMessage().contains(tooMany + " floats"), error.getMessage());
        }
    }

    @Test
    void devicesAreChosenByNumber() {
        assertEquals(ocl.device(), ClDevices.select(""));
        var error = assertThrows(IllegalArgumentException.class, () -> Backends.get("opencl:99"));
        assertTrue(error.getMessage().contains("no OpenCL device 99") && error.getMessage().contains("opencl:0"),
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClDevices.select("gpu"));
        assertEquals(ClDevices.list().stream().anyMatch(ClDevice::gpu), new OpenClProvider().preferredOverCpu());
    }
}
