package org.jdive.gan.dcgan;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.core.backend.Backends;

/**
 * Writes images of a trained generator as a PNG grid:
 * {@code DcganGenerate CHECKPOINT_DIR N OUT.png [seed] [backend]} (a checkpoint folder written by
 * {@link DcganCheckpoint}, or a run folder, whose latest checkpoint is used).
 */
public final class DcganGenerate {

    private DcganGenerate() {
    }

    /** Runs the command line in the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: DcganGenerate CHECKPOINT_OR_RUN_DIR N OUT.png [seed] [backend]");
        }
        Path dir = Path.of(args[0]);
        Path checkpoint = DcganCheckpoint.latest(dir).orElse(dir);
        int n = Integer.parseInt(args[1]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;
        String backend = args.length > 4 ? args[4] : "cpu";
        DcganCheckpoint.generate(checkpoint, n, seed, (int) Math.ceil(Math.sqrt(n)), Path.of(args[2]), Backends.get(backend));
        System.out.println("wrote " + n + " images of " + checkpoint + " to " + args[2]);
    }
}
