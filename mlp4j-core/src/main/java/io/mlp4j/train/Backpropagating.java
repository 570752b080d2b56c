package io.mlp4j.train;

import io.mlp4j.data.Dataset;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.random.SeededRandom;

/**
 * The trainer's own {@link GradientSource}: loads the batch's rows, augments them, runs the forward pass (with
 * dropout) and backpropagation on this machine. Its random draws come from the run's dropout generator, whose state
 * goes into checkpoints.
 */
final class Backpropagating implements GradientSource {
    private final Network net;
    private final Dataset train;
    private final Backpropagation bp;
    private final float dropout;
    private final Augmentation augmentation;
    private final SeededRandom rng;

    Backpropagating(Network net, Dataset train, int capacity, float dropout, Augmentation augmentation,
                    SeededRandom rng) {
        this.net = net;
        this.train = train;
        this.bp = new Backpropagation(net, capacity);
        this.dropout = dropout;
        this.augmentation = augmentation;
        this.rng = rng;
    }

    @Override
    public void gradient(Network network, int[] order, int start, int m, Gradients g) {
        if (network != net) throw new IllegalArgumentException("this gradient source belongs to another network");
        bp.load(train.features(), train.targets(), order, start, m);
        if (augmentation != null) augmentation.apply(bp.inputs(), m, net.inputSize(), rng);
        double loss = bp.forward(dropout, rng);
        g.setBatchResult(loss, train.isClassification() ? correctIn(m) : 0);
        if (Double.isFinite(loss)) bp.backward(g); // a diverged batch's gradient is never used
    }

    private long correctIn(int m) {
        int k = net.outputSize();
        float[] a = bp.outputs(), y = bp.targets();
        long correct = 0;
        for (int r = 0; r < m; r++) {
            if (Evaluation.argmax(a, r * k, k) == Evaluation.argmax(y, r * k, k)) correct++;
        }
        return correct;
    }
}
