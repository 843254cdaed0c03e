package org.jdive.bench.peer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.apache.commons.rng.UniformRandomProvider;

/** The peer side's plumbing: DJL's PyTorch engine on the CPU, offline, and models trained as DJL users do. */
final class DjlApi {

    static final String ENGINE = "PyTorch";

    private DjlApi() {
    }

    /** A manager on the PyTorch engine; the engine loads offline (natives from the jars, no download). */
    static NDManager manager() {
        System.setProperty("ai.djl.offline", "true");
        Engine.getEngine(ENGINE);
        return NDManager.newBaseManager(Device.cpu(), ENGINE);
    }

    /** A model holding {@code block} and its trainer with Adam, initialised for inputs of {@code inputShape}. */
    static Trainer trainer(String name, Block block, float lr, float beta1, Loss loss, Shape inputShape) {
        return trainer(name, block, Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).optBeta1(beta1).build(),
                loss, inputShape);
    }

    /** A model holding {@code block} and its trainer with {@code optimizer}, initialised for inputs of {@code inputShapes}. */
    static Trainer trainer(String name, Block block, Optimizer optimizer, Loss loss, Shape... inputShapes) {
        System.setProperty("ai.djl.offline", "true");
        Model model = Model.newInstance(name, Device.cpu(), ENGINE);
        model.setBlock(block);
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer)
                .optDevices(new Device[] {Device.cpu()}));
        trainer.initialize(inputShapes);
        return trainer;
    }

    /** Normal samples as a float array, from the same seeded streams as the jdive side. */
    static float[] randn(UniformRandomProvider rng, float scale, long n) {
        var gauss = org.jdive.core.Rng.gaussian(rng);
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) gauss.sample() * scale;
        }
        return v;
    }
}
