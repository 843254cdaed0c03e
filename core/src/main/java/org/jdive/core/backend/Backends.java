package org.jdive.core.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.jdive.core.cpu.CpuBackend;

/**
 * Finds backends by name. {@code cpu} is always there; others ({@code opencl}, {@code djl}) are found
 * through {@link BackendProvider} services on the class path. {@code auto} picks a provider that prefers
 * itself over the CPU (an OpenCL GPU) when one is available, else the CPU.
 *
 * <p>The default backend, used by tensor factories that name none, is {@code cpu} unless
 * {@link #setDefault(Backend)} or the system property {@code jdive.backend} says otherwise.
 */
public final class Backends {

    private static final Map<String, Backend> CREATED = new ConcurrentHashMap<>();
    private static volatile Backend defaultBackend;

    private Backends() {
    }

    /** The CPU backend, shared. */
    public static Backend cpu() {
        return CREATED.computeIfAbsent("cpu", k -> new CpuBackend());
    }

    /**
     * The backend named {@code spec}: {@code cpu}, {@code auto}, or a provider's name optionally followed by
     * a colon and options ({@code opencl:1}). The same spec gives the same instance.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws IllegalStateException    for a known backend that cannot run on this machine
     */
    public static Backend get(String spec) {
        if (spec.equals("cpu")) {
            return cpu();
        }
        if (spec.equals("auto")) {
            return auto();
        }
        Backend existing = CREATED.get(spec);
        if (existing != null) {
            return existing;
        }
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String options = colon < 0 ? "" : spec.substring(colon + 1);
        for (BackendProvider provider : providers()) {
            if (provider.name().equals(name)) {
                if (!provider.isAvailable()) {
                    String reason = provider.unavailableReason();
                    throw new IllegalStateException("backend '" + name + "' is not available on this machine"
                            + (reason.isEmpty() ? "" : ": " + reason) + "; run 'jdive doctor' for details, "
                            + "or use backend 'cpu' or 'auto'");
                }
                return CREATED.computeIfAbsent(spec, k -> provider.create(options));
            }
        }
        throw new IllegalArgumentException("unknown backend '" + spec + "'; known: " + String.join(", ", names()));
    }

    /** The names {@link #get} accepts (without options). */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of("auto", "cpu"));
        for (BackendProvider provider : providers()) {
            names.add(provider.name());
        }
        return names;
    }

    /** The backend tensor factories use when none is named. */
    public static Backend getDefault() {
        Backend b = defaultBackend;
        if (b == null) {
            synchronized (Backends.class) {
                if (defaultBackend == null) {
                    defaultBackend = get(System.getProperty("jdive.backend", "cpu"));
                }
                b = defaultBackend;
            }
        }
        return b;
    }

    /**
     * Makes {@code backend} the one {@link #getDefault()} returns, for every thread; {@code null} goes back to the
     * {@code jdive.backend} property ({@code cpu} when unset).
     */
    public static void setDefault(Backend backend) {
        defaultBackend = backend;
    }

    private static Backend auto() {
        for (BackendProvider provider : providers()) {
            if (provider.isAvailable() && provider.preferredOverCpu()) {
                return get(provider.name());
            }
        }
        warnUnavailableOnce();
        return cpu();
    }

    private static volatile boolean warned;

    /** One line on standard error, the first time {@code auto} falls back because an installed backend cannot run. */
    private static void warnUnavailableOnce() {
        if (warned) {
            return;
        }
        for (BackendProvider provider : providers()) {
            if (!provider.isAvailable()) {
                warned = true;
                String reason = provider.unavailableReason();
                System.err.println("jdive: warning: backend '" + provider.name() + "' is not available"
                        + (reason.isEmpty() ? "" : " (" + reason + ")") + "; 'auto' uses the cpu backend");
                return;
            }
        }
    }

    private static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(list::add);
        return list;
    }
}
