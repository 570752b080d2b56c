package io.mlp4j.train;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once warm, a training step (load, forward, backward, Adam) allocates nothing on the calling thread, with products
 * large enough to go to the thread team. Measured with HotSpot's per-thread allocation counter; one window of 100 steps
 * must be clean, so a JIT recompilation in one window (the interpreter boxes vectors) does not fail the test.
 * Before the reusable parallel tasks, a step of this network allocated ~570 bytes.
 */
class NoAllocationTest {

    @Test
    void aWarmTrainingStepAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "HotSpot only");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        Network net = Network.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(1).build();
        SeededRandom rng = new SeededRandom(2);
        int n = 256;
        float[][] xs = new float[n][784], ys = new float[n][10];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 784; k++) xs[i][k] = (float) rng.nextDouble();
            ys[i][rng.nextInt(10)] = 1f;
        }
        Backpropagation batch = new Backpropagation(net, 128);
        Gradients g = new Gradients(net.architecture());
        OptimizerStep adam = new OptimizerStep(net, g, Adam.adam(0), 0);

        for (int step = 0; step < 600; step++) step(batch, g, adam, xs, ys, step);
        long best = leastOfWindows(threads, step -> step(batch, g, adam, xs, ys, step));
        assertTrue(best < 100 * 8, "a window of 100 warm steps allocated " + best + " bytes");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"})
    void everyOptimizerStepsWithoutAllocating(String id) {
        // A small network (products stay on the calling thread): this is about the optimizers' own loops.
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "HotSpot only");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Network net = Network.builder().input(20).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1).build();
        SeededRandom rng = new SeededRandom(3);
        float[][] xs = new float[256][20], ys = new float[256][3];
        for (int i = 0; i < 256; i++) {
            for (int k = 0; k < 20; k++) xs[i][k] = (float) rng.nextDouble();
            ys[i][rng.nextInt(3)] = 1f;
        }
        Backpropagation batch = new Backpropagation(net, 128);
        Gradients g = new Gradients(net.architecture());
        // with L2 decay, so the decay paths run too; and clipping, so the clipping loop is held to it as well
        OptimizerStep opt = new OptimizerStep(net, g, Optimizer.byName(id, 0.01), 1e-3);
        for (int step = 0; step < 3000; step++) step(batch, g, opt, xs, ys, step);
        long best = leastOfWindows(threads, step -> step(batch, g, opt, xs, ys, step));
        assertTrue(best < 100 * 8, id + ": a window of 100 warm steps allocated " + best + " bytes");
    }

    /**
     * The least any window of 100 steps allocated: windows until one is clean, at most 40 of them. A clean window is
     * the claim; the others are the JIT still at work (on a loaded machine C2's queue can hold the kernel's methods
     * for seconds, and until then the Vector API boxes every vector). A loop that allocates on every step never has a
     * clean window, so the test still fails on it.
     */
    private static long leastOfWindows(com.sun.management.ThreadMXBean threads, java.util.function.IntConsumer step) {
        long best = Long.MAX_VALUE;
        for (int window = 0; window < 40 && best >= 100 * 8; window++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < 100; s++) step.accept(s);
            best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
        }
        return best;
    }

    private static void step(Backpropagation batch, Gradients g, OptimizerStep opt, float[][] xs, float[][] ys,
                             int step) {
        batch.load(xs, ys, null, (step % 2) * 128, 128);
        batch.forward(0f, null);
        batch.backward(g);
        opt.apply(1e-3);
    }
}
