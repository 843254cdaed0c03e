package org.jdive.models.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * D2L ch. 8's networks: the parameter counts of the book's layers at the book's resolutions (one channel, ten
 * classes), and, at a reduced resolution where the architecture allows, ten logits per image and a few SGD steps that
 * fit a tiny batch.
 */
class ModernNetsTest {

    /**
     * The counts the book's PyTorch layers give, worked out layer by layer (weights {@code out·in·k·k}, one bias per
     * output, two per batch-norm channel). ResNet-18: stem 3,328; stage 1 148,224; stage 2 525,952 (its first block
     * 230,272 with the 1×1 shortcut); stage 3 2,100,480; stage 4 8,395,264; head 5,130.
     */
    @ParameterizedTest
    @CsvSource({"alexnet, 224, 46764746", "vgg, 224, 43093322", "nin, 224, 1992166", "googlenet, 96, 5977530",
            "resnet18, 96, 11178378", "densenet, 96, 758226"})
    void theBooksNetworksHaveTheBooksParameterCounts(String name, int size, long count) {
        try (Sequential net = Nets.build(name, 1, size, 10, Rng.seeded(0))) {
            assertEquals(count, net.parameterCount());
        }
    }

    /** Four random images and labels: after a few SGD steps on them the loss is at least 0.05 below the first step's. */
    @ParameterizedTest
    @CsvSource({"alexnet, 67, 0.05", "vgg, 32, 0.05", "nin, 67, 0.3", "googlenet, 32, 0.1", "resnet18, 32, 0.01",
            "densenet, 32, 0.05"})
    void aFewStepsFitATinyBatchAtAReducedResolution(String name, int size, float lr) {
        try (Scope scope = Scope.open(); Sequential net = Nets.build(name, 1, size, 10, Rng.seeded(1))) {
            Tensor images = Tensor.rand(Rng.seeded(2), 4, 1, size, size);
            Tensor labels = Tensor.of(new float[] {3, 1, 4, 1}, 4);
            try (NoGrad off = NoGrad.open()) {
                net.eval();
                assertArrayEquals(new int[] {4, 10}, net.forward(images).shape());
                net.train();
            }
            Classifier classifier = new Classifier(net, new Sgd(net.parameters(), lr, 0f, 0f, false));
            double first = classifier.step(images, labels).loss();
            double last = first;
            for (int i = 0; i < 4; i++) {
                last = classifier.step(images, labels).loss();
            }
            assertTrue(last < first - 0.05, name + ": loss " + first + " → " + last);
        }
    }

    @ParameterizedTest
    @CsvSource({"alexnet, 64", "vgg, 31", "nin, 64", "densenet, 15"})
    void imagesTooSmallForANetworkAreRefusedWithTheBooksSizes(String name, int size) {
        var e = assertThrows(IllegalArgumentException.class, () -> Nets.build(name, 1, size, 10, Rng.seeded(0)));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains("data.resize"), e.getMessage());
    }
}
