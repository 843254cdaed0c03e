package org.jdive.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jdive.models.classify.ConfusionMatrix;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static ConfusionMatrix example() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("cat", "ankle boot", "x,y"));
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 2}, {2, 2}, {2, 2}};
        for (int[] p : pairs) {
            m.add(p[0], p[1]);
        }
        for (int i = 0; i < 1000; i++) {
            m.add(1, 1);
        }
        return m;
    }

    @Test
    void rowsAreTrueClassesAndTheDiagonalIsTheAccuracy() {
        ConfusionMatrix m = example();
        assertEquals(2, m.count(0, 0));
        assertEquals(1, m.count(0, 1));
        assertEquals(0, m.count(1, 0));
        assertEquals(1, m.count(2, 0));
        assertEquals(1008, m.total());
        assertEquals(1006 / 1008.0, m.accuracy(), 1e-12);
        assertEquals(Double.NaN, new ConfusionMatrix(List.of("a")).accuracy());
    }

    @Test
    void printsAnAlignedTableAndQuotedCsv() {
        ConfusionMatrix m = example();
        assertEquals("""
                true \\ predicted  cat  ankle boot  x,y
                cat                 2           1    0
                ankle boot          0        1001    0
                x,y                 1           0    3""", m.table());
        assertEquals("""
                true\\predicted,cat,ankle boot,"x,y"
                cat,2,1,0
                ankle boot,0,1001,0
                "x,y",1,0,3
                """, m.csv());
    }

    @Test
    void refusesClassesOutsideItsRange() {
        ConfusionMatrix m = example();
        assertThrows(IllegalArgumentException.class, () -> m.add(3, 0));
        assertThrows(IllegalArgumentException.class, () -> m.add(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(List.of()));
    }
}
