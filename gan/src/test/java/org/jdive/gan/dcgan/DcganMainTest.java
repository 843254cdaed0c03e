package org.jdive.gan.dcgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcganMainTest {

    @Test
    void aRunFolderOnArcadeFramesIsWrittenAndResumed(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        String[] common = {"data=arcade:MinAtar/Breakout-v1", "size=16", "width=2", "latent=8", "batch=16", "images=64",
                "out=" + out};
        DcganMain.main(concat(common, "epochs=1"));
        DcganMain.main(concat(common, "epochs=2"));      // resumes after epoch 1
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, metrics.size(), "a header and one line per epoch, none repeated: " + metrics);
        assertTrue(metrics.get(2).startsWith("1,"));
        assertTrue(Files.isRegularFile(out.resolve("samples/epoch-0001.png")));
        assertEquals(out.resolve("checkpoint-epoch-0002"), DcganCheckpoint.latest(out).orElseThrow());
    }

    @Test
    void unknownArgumentsAreRefusedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> DcganMain.main(new String[] {"epoch=3"}));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
