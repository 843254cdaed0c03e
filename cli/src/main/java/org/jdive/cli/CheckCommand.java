package org.jdive.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jdive.core.io.DamagedFileException;
import org.jdive.engine.RunFolder;
import org.jdive.engine.train.TrainerState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jdive check FOLDER}: reads back every checkpoint of a run, bench or sweep folder and says which are damaged. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Verify every checkpoint of a run folder, or of every run in a bench or sweep folder: each is read "
                + "back in full and its checksum compared; one line per checkpoint, intact or damaged and why.",
                "Exit code 0 when all are intact, 2 when one is damaged (run --resume, eval, play and sample then fall "
                        + "back to the newest intact one)."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FOLDER", description = "A run, bench or sweep folder.")
    Path folder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new Main.UsageException("check: no folder " + folder);
        }
        List<Path> runs = runFolders(folder);
        if (runs.isEmpty()) {
            throw new Main.UsageException("check: " + folder + " holds no run folder (none with a scenario.yaml)");
        }
        PrintWriter out = spec.commandLine().getOut();
        int checked = 0;
        int damaged = 0;
        for (Path run : runs) {
            RunFolder r = new RunFolder(run);
            List<Path> checkpoints = new ArrayList<>(r.listCheckpoints());
            if (Files.exists(r.bestCheckpoint())) {
                checkpoints.add(r.bestCheckpoint());
            }
            for (Path checkpoint : checkpoints) {
                checked++;
                try {
                    TrainerState.read(checkpoint);
                    out.println("intact   " + checkpoint);
                } catch (DamagedFileException e) {
                    damaged++;
                    out.println("DAMAGED  " + checkpoint + ": " + e.problem());
                }
            }
        }
        out.printf("%d checkpoints in %d runs: %d intact, %d damaged%n", checked, runs.size(), checked - damaged, damaged);
        out.flush();
        return damaged == 0 ? 0 : 2;
    }

    /** {@code dir} itself when it is a run folder, else the run folders below it (a bench's, a sweep's trials). */
    private static List<Path> runFolders(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve(RunFolder.SCENARIO))) {
            return List.of(dir);
        }
        try (Stream<Path> tree = Files.walk(dir, 3)) {
            return tree.filter(p -> Files.isRegularFile(p.resolve(RunFolder.SCENARIO))).sorted().toList();
        }
    }
}
