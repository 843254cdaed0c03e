package org.jdive.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code jdive} command. Exit codes: 0 success, 1 the command failed, 2 bad usage.
 */
public final class Main {

    /** What each command does, for {@code --help}. */
    private static final Map<String, String> COMMANDS = new TreeMap<>(Map.of(
            "demo", "train D2L's linear regression and a small MLP on the tensor core, printing the losses",
            "doctor", "show the Java runtime, the threads and the tensor backends this machine offers",
            "version", "print the jdive version"));

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command in {@code args}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "demo" -> Demo.run(rest, out);
                case "doctor" -> Doctor.run(out);
                case "version", "--version" -> {
                    out.println("jdive " + version());
                    yield 0;
                }
                default -> {
                    err.println("jdive: unknown command '" + command + "'; commands: " + String.join(", ", COMMANDS.keySet()));
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("jdive " + command + ": " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("jdive " + command + ": " + e);
            return 1;
        }
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static void usage(PrintStream out) {
        out.println("usage: jdive <command> [options]");
        out.println();
        COMMANDS.forEach((name, what) -> out.printf("  %-8s %s%n", name, what));
        out.println();
        out.println("Run the tests with ./jdive test. More commands arrive with the scenario runner.");
    }

    /** A command-line mistake: reported in one line with exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
