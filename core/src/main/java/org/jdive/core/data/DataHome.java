package org.jdive.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where jdive looks for a data set it knows by name ({@code mnist}, {@code fashion-mnist}): the folder
 * {@code <name>} under, in order, {@code $JDIVE_DATA}, a {@code data/} folder in the working directory or the nearest
 * parent that has one, the {@code data/} folder that ships with jdive ({@code <jdive.home>/data}, where the system
 * property {@code jdive.home} is set by the launcher to the installation), and {@code /usr/share/datasets} (where
 * Debian's data set packages, such as {@code dataset-fashion-mnist}, put theirs). So a scenario run from the user's own
 * folder finds the shipped or installed data, and a user's own copy wins over it.
 */
public final class DataHome {

    /** The environment variable naming a folder of data sets. */
    public static final String ENV = "JDIVE_DATA";
    /** The system property naming jdive's installation (its {@code data/} folder holds the shipped data). */
    public static final String HOME_PROPERTY = "jdive.home";
    /** Where Debian's data set packages install (e.g. {@code dataset-fashion-mnist}). */
    static final Path SYSTEM = Path.of("/usr/share/datasets");

    private DataHome() {
    }

    /** The folder of the data set {@code name}: the first of {@link #candidates} that exists, else the first. */
    public static Path find(String name) {
        List<Path> candidates = candidates(name);
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(candidates.getFirst());
    }

    /** The folders {@link #find} tries, in order (for messages that say where a data set was looked for). */
    public static List<Path> candidates(String name) {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env).resolve(name).toAbsolutePath());
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path nearest = cwd.resolve("data").resolve(name);
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("data").resolve(name))) {
                nearest = dir.resolve("data").resolve(name);
                break;
            }
        }
        candidates.add(nearest);
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home).resolve("data").resolve(name).toAbsolutePath().normalize());
        }
        candidates.add(SYSTEM.resolve(name));
        return candidates;
    }
}
