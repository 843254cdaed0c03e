package org.jdive.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jdive play}: the window, once the rendering module is on the class path. */
@Command(name = "play", mixinStandardHelpOptions = true,
        description = "Watch an agent play in a window (needs the rendering module).")
final class PlayCommand implements Callable<Integer> {

    /** The class the rendering module will provide; looked up so that the cli builds without it. */
    static final String RENDERING_CLASS = "org.jdive.rendering.Window";

    @Parameters(index = "0", paramLabel = "FILE|RUN", description = "A scenario file or a run folder.")
    Path target;

    @Override
    public Integer call() {
        try {
            Class.forName(RENDERING_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("jdive play needs the rendering module (org.jdive.rendering), which this "
                    + "build does not include yet; train headless with 'jdive run' and evaluate with 'jdive eval'");
        }
        throw new IllegalStateException("the rendering module is present but jdive play is not wired to it yet");
    }
}
