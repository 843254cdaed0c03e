package org.jdive.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * Builds each OpenCL program once per device and keeps its kernels. Built binaries are also kept on disk,
 * keyed by a hash of the source, the build options and the device and driver, so that a later run skips
 * the compiler (PoCL's LLVM takes seconds per program). The directory is the system property
 * {@code jdive.opencl.cache}, else {@code $XDG_CACHE_HOME/jdive/opencl}, else {@code ~/.cache/jdive/opencl};
 * a damaged or stale entry is ignored and rebuilt from source.
 */
final class ProgramCache {

    private final long context;
    private final ClDevice device;
    private final Path directory;
    private final Map<String, Long> programs = new HashMap<>();
    private final Map<String, Long> kernels = new HashMap<>();

    ProgramCache(long context, ClDevice device) {
        this.context = context;
        this.device = device;
        this.directory = cacheDirectory();
    }

    static Path cacheDirectory() {
        String configured = System.getProperty("jdive.opencl.cache");
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jdive").resolve("opencl");
    }

    /** The source of {@code kernels/<file>} on the class path. */
    static String resource(String file) {
        try (InputStream in = ProgramCache.class.getResourceAsStream("/kernels/" + file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source kernels/" + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kernel {@code kernelName} of program {@code programName}, building the program from
     * {@code source} with {@code options} the first time.
     */
    synchronized long kernel(String programName, String kernelName, SourceSupplier source, String options) {
        String key = programName + "\u0000" + options + "\u0000" + kernelName;
        Long kernel = kernels.get(key);
        if (kernel != null) {
            return kernel;
        }
        long program = program(programName, source, options);
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long created = clCreateKernel(program, kernelName, err);
            ClException.check(err.get(0), "creating kernel '" + kernelName + "' of program '" + programName + "'");
            kernels.put(key, created);
            return created;
        }
    }

    /** Supplies a program's source only when it must be built. */
    @FunctionalInterface
    interface SourceSupplier {
        String get();
    }

    private long program(String programName, SourceSupplier sourceSupplier, String options) {
        String key = programName + "\u0000" + options;
        Long existing = programs.get(key);
        if (existing != null) {
            return existing;
        }
        String source = sourceSupplier.get();
        Path file = directory.resolve(programName + "-" + digest(source, options) + ".bin");
        long program = fromBinary(file, options);
        if (program == 0) {
            program = fromSource(programName, source, options);
            saveBinary(program, file);
        }
        programs.put(key, program);
        return program;
    }

    private long fromBinary(Path file, String options) {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        ByteBuffer binary = null;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            byte[] bytes = Files.readAllBytes(file);
            binary = MemoryUtil.memAlloc(bytes.length);
            binary.put(bytes).flip();
            IntBuffer status = stack.mallocInt(1);
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithBinary(context, stack.pointers(device.id()), binary, status, err);
            if (err.get(0) != CL_SUCCESS || status.get(0) != CL_SUCCESS) {
                return 0;
            }
            if (clBuildProgram(program, device.id(), options, null, 0) != CL_SUCCESS) {
                clReleaseProgram(program);
                return 0;
            }
            return program;
        } catch (IOException e) {
            return 0;
        } finally {
            if (binary != null) {
                MemoryUtil.memFree(binary);
            }
        }
    }

    private long fromSource(String programName, String source, String options) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            long program = clCreateProgramWithSource(context, source, err);
            ClException.check(err.get(0), "creating program '" + programName + "'");
            int built = clBuildProgram(program, device.id(), options, null, 0);
            if (built != CL_SUCCESS) {
                String log = buildLog(program);
                clReleaseProgram(program);
                throw new ClException("building OpenCL program '" + programName + "' (kernels/" + programName
                        + ".cl, options '" + options + "') for " + device.name() + " failed: "
                        + ClException.errorName(built) + "\n--- build log ---\n" + log, built);
            }
            return program;
        }
    }

    private String buildLog(long program) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer size = stack.mallocPointer(1);
            clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, (ByteBuffer) null, size);
            ByteBuffer log = MemoryUtil.memAlloc((int) Math.max(1, size.get(0)));
            try {
                clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, log, null);
                return MemoryUtil.memUTF8(log, Math.max(0, (int) size.get(0) - 1));
            } finally {
                MemoryUtil.memFree(log);
            }
        }
    }

    /** Writes the program's binary to a temp file renamed into place; a failure only costs a rebuild later. */
    private void saveBinary(long program, Path file) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer sizes = stack.mallocPointer(1);
            if (clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, sizes, null) != CL_SUCCESS || sizes.get(0) == 0) {
                return;
            }
            ByteBuffer binary = MemoryUtil.memAlloc((int) sizes.get(0));
            try {
                PointerBuffer pointers = stack.pointers(binary);
                if (clGetProgramInfo(program, CL_PROGRAM_BINARIES, pointers, null) != CL_SUCCESS) {
                    return;
                }
                byte[] bytes = new byte[binary.remaining()];
                binary.get(bytes);
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
                Files.write(temp, bytes);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // The cache is an optimisation: without it the program is rebuilt next time.
            } finally {
                MemoryUtil.memFree(binary);
            }
        }
    }

    private String digest(String source, String options) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {source, options, device.name(), device.platformName(), device.version(),
                    device.driverVersion()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
