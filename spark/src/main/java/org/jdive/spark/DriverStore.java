package org.jdive.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.engine.Executor;

/**
 * No storage the workers share: a task takes its run folders from the driver as a zip, runs them in an
 * {@link AttemptFolder} and hands them back in its result, and the driver puts them in place (each written beside
 * its folder, then renamed). A retried task starts again from what the driver sent, since nothing of a dead attempt
 * is kept; a run that was under way loses what it did in that task.
 */
final class DriverStore implements RunStore {

    private static final String ARRIVING = ".arriving";

    @Override
    public <T extends Serializable> Executor.Work<Landing<T>> remote(Executor.FolderWork<T> work) throws IOException {
        return new Task<>(work, Zips.pack(Path.of(work.root()), work.runs()));
    }

    @Override
    public <T extends Serializable> T land(Executor.FolderWork<T> work, Landing<T> landing) throws IOException {
        Path root = Path.of(work.root());
        for (String run : work.runs()) {
            AttemptFolder.delete(root.resolve(run + ARRIVING));
        }
        Zips.unpack(landing.folders(), root, work.runs(), ARRIVING);
        for (String run : work.runs()) {
            Path arrived = root.resolve(run + ARRIVING);
            if (Files.isDirectory(arrived)) {
                AttemptFolder.replace(root.resolve(run), arrived);
            }
        }
        return landing.result();
    }

    /** On a worker: the work on copies of the run folders it brought, which go back with its result. */
    private record Task<T extends Serializable>(Executor.FolderWork<T> work, byte[] folders)
            implements Executor.Work<Landing<T>> {

        @Override
        public Landing<T> call() throws Exception {
            try (AttemptFolder attempt = AttemptFolder.create(Path.of(work.root()).getFileName().toString())) {
                Zips.unpack(folders, attempt.path(), work.runs(), "");
                for (String run : work.runs()) {
                    if (Files.isDirectory(attempt.path().resolve(run))) {
                        Files.createDirectories(attempt.path().resolve(run).resolve("checkpoints"));
                    }
                }
                T result = work.under(attempt.path().toString()).call();
                return new Landing<>(result, Zips.pack(attempt.path(), work.runs()));
            }
        }
    }
}
