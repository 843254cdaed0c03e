package org.jdive.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's curves: one PNG per logged column, drawn whatever the values look like. */
class RunPlotsTest {

    @TempDir
    Path dir;

    @Test
    void drawsEveryNumericColumnExceptWallTime() throws IOException {
        Files.writeString(dir.resolve("metrics.csv"), """
                steps,wall_s,return,loss,epsilon
                1000,0.3,22.2,,0.88
                2000,2.0,25.0,0.043,0.76
                3000,3.1,31.5,0.051,0.64
                """);
        Files.writeString(dir.resolve("eval.csv"), """
                steps,wall_s,mean_return,std_return
                3000,3.2,-13.0,0.0
                """);
        RunPlots.write(new RunFolder(dir), "cartpole-dqn");
        Path plots = dir.resolve(RunPlots.FOLDER);
        for (String name : new String[] {"return", "loss", "epsilon", "eval_mean_return", "eval_std_return"}) {
            BufferedImage image = ImageIO.read(plots.resolve(name + ".png").toFile());
            assertEquals(640, image.getWidth(), name);
            assertEquals(360, image.getHeight(), name);
        }
        assertFalse(Files.exists(plots.resolve("wall_s.png")));
        assertTrue(Files.exists(plots.resolve("loss.png")), "a column empty in its first rows is still drawn");
    }

    @Test
    void aRunWithoutRowsDrawsNothing() throws IOException {
        Files.writeString(dir.resolve("metrics.csv"), "episodes,wall_s,return\n");
        RunPlots.write(new RunFolder(dir), "empty");
        assertFalse(Files.exists(dir.resolve(RunPlots.FOLDER)));
    }
}
