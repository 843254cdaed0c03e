package org.jdive.bench.peer;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/**
 * The implementations a peer benchmark compares, named by its {@code impl} parameter: jdive's tensor code
 * on a backend ({@code cpu}, {@code opencl}, {@code djl}) or the same workload written against DJL's own API
 * ({@code djl-api}), the peer every ratio is taken against.
 */
final class Impl {

    /** The peer: DJL with the PyTorch engine, as its users write it. */
    static final String PEER = "djl-api";

    /** Every implementation in the order the table shows them; backends that are not there are skipped. */
    static final List<String> ALL = List.of("cpu", "opencl", "djl", PEER);

    private Impl() {
    }

    static boolean isPeer(String impl) {
        return impl.equals(PEER);
    }

    /** The jdive backend named {@code impl}. */
    static Backend backend(String impl) {
        return Backends.get(impl);
    }

    /** The implementations that can run here: the CPU, the peer, and each backend whose provider is available. */
    static List<String> available() {
        List<String> out = new ArrayList<>();
        for (String impl : ALL) {
            if (isPeer(impl) || impl.equals("cpu") || isAvailable(impl)) {
                out.add(impl);
            }
        }
        return out;
    }

    private static boolean isAvailable(String backend) {
        try {
            Backends.get(backend);
            return true;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false; // not on the class path, or no device / native library here
        }
    }
}
