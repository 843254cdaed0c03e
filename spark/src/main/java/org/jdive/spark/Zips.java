package org.jdive.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jdive.engine.FolderLock;

/** Run folders as the bytes of a zip archive, to travel with a task and back in its result. */
final class Zips {

    private Zips() {
    }

    /** The files of the folders {@code runs} under {@code root} (those there; not their locks), as a zip. */
    static byte[] pack(Path root, List<String> runs) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String run : runs) {
                Path folder = root.resolve(run);
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        if (file.getFileName().toString().equals(FolderLock.FILE)) {
                            continue;
                        }
                        zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, zip);
                        zip.closeEntry();
                    }
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Writes the files of {@code zip} under {@code root}, each run folder {@code run} as {@code run + suffix}. */
    static void unpack(byte[] zip, Path root, List<String> runs, String suffix) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entry.getName();
                String run = runs.stream().filter(r -> name.startsWith(r + "/")).findFirst().orElseThrow(
                        () -> new IOException("a task's run folders hold " + name + ", outside its runs " + runs));
                Path file = root.resolve(run + suffix).resolve(name.substring(run.length() + 1)).normalize();
                if (!file.startsWith(root.resolve(run + suffix))) {
                    throw new IOException("a task's run folders hold " + name + ", which leads outside " + run);
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
    }
}
