package io.mlp4j.spark;

import io.mlp4j.eval.Evaluation;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What a task needs to backpropagate its part of a batch, kept between steps in the executor's JVM: a network whose
 * parameters each step overwrites with the broadcast ones, a {@link Backpropagation}'s buffers and a
 * {@link Gradients}. Taken from a pool per training run (tasks of one executor run at once, each on its own worker)
 * and given back after the task, so a step allocates no buffers.
 */
final class PartitionWorker {
    /** One run's idle workers; a new run drops the older runs' (their buffers would only be reallocated). */
    private static final Map<String, Queue<PartitionWorker>> POOLS = new ConcurrentHashMap<>();

    private final Network net;
    private final Backpropagation bp;
    private final Gradients g;
    private final List<Parameter> parameters;

    private PartitionWorker(NetworkSpec spec, int capacity) {
        this.net = io.mlp4j.nn.Network.create(spec.architecture(), null, 0);
        this.bp = new Backpropagation(net, capacity);
        this.g = new Gradients(net.architecture());
        this.parameters = net.parameters(g);
    }

    static PartitionWorker take(String run, NetworkSpec spec, int capacity) {
        Queue<PartitionWorker> pool = POOLS.computeIfAbsent(run, r -> {
            POOLS.keySet().removeIf(other -> !other.equals(r));
            return new ConcurrentLinkedQueue<>();
        });
        PartitionWorker w = pool.poll();
        return w != null && w.bp.capacity() >= capacity ? w : new PartitionWorker(spec, capacity);
    }

    static void giveBack(String run, PartitionWorker w) {
        Queue<PartitionWorker> pool = POOLS.get(run);
        if (pool != null) pool.add(w);
    }

    /** Forgets a finished run's workers (on the driver's JVM; executors drop them when the next run starts). */
    static void forget(String run) {
        POOLS.remove(run);
    }

    /**
     * The block's rows among the batch's global row indices {@code batch}, in batch order: their mean gradient,
     * weighted by their share of the batch m, added to {@code sum}, with their cost and correct count.
     */
    PartialGradient add(PartialGradient sum, float[] weights, RowBlock block, int offset, int[] batch) {
        int[] local = new int[batch.length];
        int mp = 0;
        for (int r : batch) {
            if (r >= offset && r < offset + block.size()) local[mp++] = r - offset;
        }
        if (mp == 0) return sum;
        load(weights);
        bp.load(block.x, block.y, local, 0, mp);
        double cost = bp.forward(0f, null);
        bp.backward(g);
        float share = (float) mp / batch.length;
        if (sum.gradient == null) sum.gradient = new float[weights.length];
        int at = 0;
        for (Parameter p : parameters) {
            float[] d = p.gradient();
            for (int i = 0; i < d.length; i++) sum.gradient[at + i] += share * d[i];
            at += d.length;
        }
        sum.costSum += cost * mp;
        sum.correct += correct(mp);
        sum.rows += mp;
        return sum;
    }

    private void load(float[] weights) {
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(weights, at, p.value(), 0, p.value().length);
            at += p.value().length;
        }
    }

    private long correct(int m) {
        int k = net.outputSize();
        if (k < 2) return 0; // regression (one output); a classifier has at least two classes
        long correct = 0;
        for (int r = 0; r < m; r++) {
            if (Evaluation.argmax(bp.outputs(), r * k, k) == Evaluation.argmax(bp.targets(), r * k, k)) correct++;
        }
        return correct;
    }
}
