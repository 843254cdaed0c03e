package org.jdive.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @TempDir
    Path dir;

    @Test
    void aTemporaryFileHasTheModeOfAnyNewFileNotOwnerOnly() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path temp = TempFiles.besides(dir.resolve("model.safetensors"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(temp),
                "the umask decides, as for any file the run writes");
        assertEquals(dir.toAbsolutePath(), temp.getParent());
        assertTrue(temp.getFileName().toString().startsWith(".model.safetensors."), temp.toString());
        assertTrue(temp.getFileName().toString().endsWith(".tmp"), temp.toString());
        assertNotEquals(temp, TempFiles.besides(dir.resolve("model.safetensors")), "each call a new file");
    }
}
