package org.jdive.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jdive.core.io.DamagedFileException;
import org.jdive.engine.FolderLock;
import org.jdive.engine.scenario.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jdive} command. Exit codes: 0 success, 1 the command failed (or a run diverged), 2 bad usage, an
 * invalid scenario, a damaged file or a folder another process is writing, 130 stopped by Ctrl-C (after writing a
 * checkpoint).
 */
@Command(name = "jdive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reinforcement learning and GANs on a tensor core, driven by scenario files.",
        subcommands = {RunCommand.class, EvalCommand.class, PlayCommand.class, BenchCommand.class, SweepCommand.class,
                SampleCommand.class, TranslateCommand.class, CheckCommand.class, ReportCommand.class,
                ListCommand.class,
                DoctorCommand.class, DemoCommand.class, VersionCommand.class, ScenarioDocsCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the command failed, or a run diverged (NaN or infinity)",
                "2:bad usage, an invalid scenario, a damaged file, or a folder another process is writing",
                "130:stopped by Ctrl-C (a checkpoint was written)"},
        footer = {"", "Run the tests with ./jdive test."})
public final class Main implements Runnable {

    /** Exit code of a run stopped by Ctrl-C, as shells report SIGINT. */
    public static final int INTERRUPTED = 130;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * The root command, as picocli builds it; {@link #run(String[], java.io.PrintStream, java.io.PrintStream)} runs a
     * command line.
     */
    public Main() {
    }

    /** The {@code jdive} launcher's entry point: {@link #run} and exit with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(out, err);
        if (args.length == 0) {
            cli.usage(err);
            return 2;
        }
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof ScenarioException || ex instanceof UsageException) {
                e.println(ex.getMessage());
                return 2;
            }
            if (ex instanceof DamagedFileException || ex instanceof FolderLock.InUse) { // say which file and what
                e.println(commandLine.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
                return 2;
            }
            // expected failures say what is wrong in their message; anything else shows its type too
            boolean explained = ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException;
            e.println(commandLine.getCommandSpec().qualifiedName() + ": " + (explained ? ex.getMessage() : ex));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The environment variable that says where run folders go when {@code --runs} does not. */
    static final String RUNS_ENV = "JDIVE_RUNS";
    static final String RUNS_HELP = "$" + RUNS_ENV + " if set, else runs in the current folder";

    /** Where run and bench folders go without {@code --runs}: {@code $JDIVE_RUNS}, else {@code ./runs}. */
    static java.nio.file.Path defaultRuns() {
        String env = System.getenv(RUNS_ENV);
        return java.nio.file.Path.of(env != null && !env.isBlank() ? env : "runs");
    }

    /**
     * The scenario, suite or sweep file {@code file} names: the file itself when it exists, else, for a relative
     * path, the file of that name in jdive's installation ({@code jdive.home}: the checkout or the unpacked archive),
     * so that {@code jdive run scenarios/cartpole-dqn.yaml} finds the shipped scenario from any folder. Neither is a
     * usage error ("{@code command}: no {@code what} FILE").
     */
    static java.nio.file.Path existingFile(java.nio.file.Path file, String command, String what) {
        if (java.nio.file.Files.isRegularFile(file)) {
            return file;
        }
        String home = System.getProperty(org.jdive.core.data.DataHome.HOME_PROPERTY);
        if (home != null && !file.isAbsolute()) {
            java.nio.file.Path shipped = java.nio.file.Path.of(home).resolve(file);
            if (java.nio.file.Files.isRegularFile(shipped)) {
                return shipped;
            }
            throw new UsageException(command + ": no " + what + " " + file + " here or in " + home);
        }
        throw new UsageException(command + ": no " + what + " " + file);
    }

    /** The run folder at {@code path}; not being one is a usage error. */
    static org.jdive.engine.RunFolder openRun(java.nio.file.Path path) {
        try {
            return org.jdive.engine.RunFolder.open(path);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** What {@code --checkpoint} says in the help of the commands that load a run's checkpoint. */
    static final String CHECKPOINT_HELP = "Which checkpoint: best (the model of the best evaluation, kept as SB3 "
            + "keeps best_model), latest, or a number of budget units done (e.g. 45000). Default: best when the run "
            + "has one (agents: the best of the periodic and final evaluations), else latest.";

    /**
     * Reads the checkpoint of {@code folder} named {@code name} ({@code best}, {@code latest} or a number of budget
     * units); when {@code name} is null, the best one if the run has one, else the latest. A damaged best or latest
     * checkpoint is passed over for the newest intact one, with a warning on {@code err}.
     *
     * @throws UsageException when there is no such checkpoint, naming the ones there are
     * @throws org.jdive.core.io.DamagedFileException when it is damaged and no other will do
     */
    static org.jdive.engine.RunFolder.Loaded loadCheckpoint(org.jdive.engine.RunFolder folder, String name,
                                                          PrintWriter err) throws java.io.IOException {
        String chosen = name != null ? name
                : java.nio.file.Files.exists(folder.bestCheckpoint()) ? org.jdive.engine.RunFolder.BEST
                : org.jdive.engine.RunFolder.LATEST;
        org.jdive.engine.RunFolder.Loaded loaded;
        try {
            loaded = folder.loadCheckpoint(chosen);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (String damaged : loaded.passedOver()) {
            err.println("warning: " + damaged);
        }
        if (!loaded.passedOver().isEmpty()) {
            err.println("warning: using " + loaded.file() + " instead");
        }
        err.flush();
        return loaded;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jdive " + version()};
        }
    }

    /** A command-line mistake found by a command itself: reported in one line with exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
