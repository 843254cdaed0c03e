package org.jdive.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jdive.envs.Envs;
import org.jdive.envs.TabularModel;
import org.jdive.rendering.overlay.StateValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's pictures: written by the recorder, readable, and small enough for a README. */
class DocsGalleryTest {

    @Test
    void galleryPicturesDecodeAndStayUnder300KB(@TempDir Path dir) throws IOException {
        List<Path> written = DocsGallery.writeAll(dir);
        assertEquals(2, written.size());
        for (Path p : written) {
            assertTrue(Files.size(p) < 300_000, p + " is " + Files.size(p) + " bytes");
            assertTrue(ImageIO.read(p.toFile()) != null, p + " decodes");
        }
    }

    @Test
    void valueIterationSweepsConvergeOnFrozenLake() {
        TabularModel model = (TabularModel) Envs.make("FrozenLake-v1").unwrapped();
        List<StateValues> sweeps = DocsGallery.valueIterationSweeps(model, 0.95, 200);
        float[] last = sweeps.getLast().values();
        float[] before = sweeps.get(sweeps.size() - 2).values();
        for (int s = 0; s < last.length; s++) {
            assertEquals(before[s], last[s], 1e-6, "converged at state " + s);
        }
        assertEquals(-1, sweeps.getLast().policy()[5], "state 5 is a hole: no arrow");
        assertEquals(0, sweeps.getLast().policy()[0], "from the start, the optimal slippery move is left (away from the holes)");
    }
}
