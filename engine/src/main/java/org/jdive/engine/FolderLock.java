package org.jdive.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per folder: an operating-system lock on {@code <folder>/.lock}, held while a run (or a suite, or a
 * sweep) writes there. A second writer is refused at once, told which process holds the folder; a lock left by a
 * process that died goes with it (the system releases it), so it never blocks. Readers take no lock.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file's name in the folder. */
    public static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the folder's lock and writes who holds it into the lock file.
     *
     * @throws InUse when another process (or another run in this one) holds it
     */
    public static FolderLock acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
            channel.close();
            throw new InUse(folder, holder.isEmpty() ? "another process" : holder);
        }
        ProcessHandle self = ProcessHandle.current();
        String holder = "process " + self.pid() + " (" + self.info().command().map(c -> Path.of(c).getFileName().toString())
                .orElse("java") + ", since " + Instant.now() + ")";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new FolderLock(channel, lock);
    }

    /** Lets the folder go. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            lock.release();
            channel.close();
        }
    }

    /** A folder another writer holds. */
    public static final class InUse extends IllegalStateException {
        /** The error for {@code folder}, held by {@code holder} (the process and since when, as its lock file says). */
        public InUse(Path folder, String holder) {
            super(folder + " is being written by " + holder + "; two writers would interleave its logs. Wait for it to "
                    + "end (or stop it), then continue.");
        }
    }
}
