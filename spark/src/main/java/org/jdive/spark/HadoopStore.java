package org.jdive.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdive.engine.Executor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;

/**
 * Run folders on a Hadoop file system under {@code uri}: the run folder {@code <root>/<run>} of the driver is
 * {@code <uri>/<root's name>/<run>} there. A task
 * <ol>
 *   <li>copies each of its run folders down into its {@link AttemptFolder}, from the committed folder or an earlier
 *       attempt's, whichever has checkpointed furthest (a retry continues where a dead attempt last checkpointed);</li>
 *   <li>runs its work there, uploading the run folder to {@code <run>.attempt-<n>} at each checkpoint;</li>
 *   <li>at the end uploads it once more and commits it by renaming {@code <run>.attempt-<n>} to {@code <run>}: the
 *       committed folder of an earlier job (a lower rung) makes way; one that has got as far (a speculative copy of
 *       this task that came first) stays, and this attempt's folder goes.</li>
 * </ol>
 * The driver then copies the committed folders into its own (unless {@code uri} is its own folder, {@code file:}).
 */
final class HadoopStore implements RunStore {

    private static final String ARRIVING = ".arriving";

    private final URI uri;

    HadoopStore(URI uri) {
        this.uri = uri;
        try {
            SharedFolder.at(uri, ".");
        } catch (IOException e) {
            throw new IllegalArgumentException("the spark executor's store " + uri + " is no Hadoop file system this JVM "
                    + "knows (" + e.getMessage() + "); hdfs: and file: are built in, s3a: needs hadoop-aws on the class "
                    + "path", e);
        }
    }

    @Override
    public <T extends Serializable> Executor.Work<Landing<T>> remote(Executor.FolderWork<T> work) {
        return new Task<>(work, uri);
    }

    @Override
    public <T extends Serializable> T land(Executor.FolderWork<T> work, Landing<T> landing) throws IOException {
        Path root = Path.of(work.root());
        if (uri.getScheme().equals("file") && Path.of(uri).normalize().equals(root.toAbsolutePath().getParent())) {
            return landing.result(); // the tasks committed into the driver's own folder
        }
        for (String run : work.runs()) {
            SharedFolder committed = SharedFolder.at(uri, root.getFileName() + "/" + run);
            if (committed.exists()) {
                Path arriving = root.resolve(run + ARRIVING);
                AttemptFolder.delete(arriving);
                committed.download(arriving);
                AttemptFolder.replace(root.resolve(run), arriving);
            }
        }
        return landing.result();
    }

    /** On a worker: the work in an attempt folder, its run folders copied from and committed to the store. */
    private record Task<T extends Serializable>(Executor.FolderWork<T> work, URI uri)
            implements Executor.Work<Landing<T>> {

        @Override
        public Landing<T> call() throws Exception {
            String name = Path.of(work.root()).getFileName().toString();
            try (AttemptFolder attempt = AttemptFolder.create(name)) {
                Map<String, SharedFolder> shared = new LinkedHashMap<>();
                for (String run : work.runs()) {
                    SharedFolder committed = SharedFolder.at(uri, name + "/" + run);
                    shared.put(run, committed);
                    SharedFolder furthest = furthest(committed);
                    if (furthest != null) {
                        Path local = attempt.path().resolve(run);
                        Files.createDirectories(local.getParent());
                        furthest.download(local);
                        Files.createDirectories(local.resolve("checkpoints"));
                    }
                }
                String suffix = ".attempt-" + attempt.number();
                T result = Runner.withCheckpointListener((folder, done) -> {
                    String run = attempt.path().relativize(folder.path()).toString().replace('\\', '/');
                    shared.get(run).sibling(suffix).upload(folder.path());
                }, () -> work.under(attempt.path().toString()).call());
                for (String run : work.runs()) {
                    Path local = attempt.path().resolve(run);
                    if (Files.isDirectory(local)) {
                        commit(new RunFolder(local), shared.get(run), suffix);
                    }
                }
                return new Landing<>(result, null);
            }
        }

        /** The committed folder or the attempt folder beside it that has checkpointed furthest; null when none is. */
        private static SharedFolder furthest(SharedFolder committed) throws IOException {
            SharedFolder best = committed.exists() ? committed : null;
            long bestUnits = committed.units();
            for (SharedFolder attempt : committed.attempts()) {
                long units = attempt.units();
                if (units > bestUnits) {
                    best = attempt;
                    bestUnits = units;
                }
            }
            return best;
        }

        private static void commit(RunFolder local, SharedFolder target, String suffix) throws IOException {
            SharedFolder mine = target.sibling(suffix);
            mine.upload(local.path());
            long units = local.latestCheckpoint()
                    .map(p -> Long.parseLong(p.getFileName().toString().substring(0, 12))).orElse(0L);
            SharedFolder replaced = target.sibling(".replaced" + suffix);
            if (target.units() >= units) { // another attempt got here first: keep the first
                mine.delete();
            } else {
                replaced.delete();
                if (target.exists() && !target.fs().rename(target.path(), replaced.path())) {
                    throw new IOException("could not move " + target + " aside to " + replaced);
                }
                mine.renameTo(target);
                replaced.delete();
            }
            for (SharedFolder other : target.attempts()) { // earlier attempts', passed over now
                if (other.units() <= units) {
                    other.delete();
                }
            }
        }
    }
}
