package org.jdive.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorCoreRegressionTest {

    @Test
    void threeEpochsOfSgdRecoverTheLineThatMadeTheData() {
        var result = TensorCoreRegression.train(3, 0, System.out);

        assertEquals(2f, result.w()[0], 0.01f, "w[0]");
        assertEquals(-3.4f, result.w()[1], 0.01f, "w[1]");
        assertEquals(4.2f, result.b(), 0.01f, "b");
        // The labels carry noise of variance 1e-4: a fitted line leaves about that much squared error, no less.
        float last = result.lossPerEpoch()[2];
        assertTrue(last > 5e-5f && last < 2e-4f, "final mean squared error " + last);
        assertTrue(last < result.lossPerEpoch()[0], "the loss falls");
    }
}
