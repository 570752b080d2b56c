package io.mlp4j.spark;

import io.mlp4j.eval.Evaluation;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;

import io.mlp4j.train.Optimizer;
import io.mlp4j.train.OptimizerStep;

import java.util.Arrays;
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
        int[] local = localRows(block, offset, batch, 0, batch.length);
        int mp = local.length;
        if (mp == 0) return sum;
        load(weights);
        double cost = backpropagate(block, local);
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

    /**
     * A round of local steps on this block's rows: from the broadcast parameters and optimizer state, one optimizer
     * step (core's {@link OptimizerStep}: clipping, then the optimizer's rule) per batch of the round on the rows of
     * it this block holds, in batch order; a batch with none of its rows here is skipped. Returns the parameters and
     * optimizer state reached, weighted by this block's share of the round's rows, with each batch's cost and
     * correct count.
     */
    LocalRound steps(Round round, RowBlock block, int offset) {
        int[] rows = round.rows;
        int here = localRows(block, offset, rows, 0, rows.length).length;
        LocalRound result = new LocalRound(round.batches());
        if (here == 0) return result;
        load(round.start.values);
        Optimizer optimizer = Optimizer.byName(round.optimizer, round.weightDecay);
        optimizer.restore(round.optimizerState());
        OptimizerStep step = new OptimizerStep(net, g, optimizer, round.clipNorm);
        for (int b = 0, from = 0; b < round.batches(); b++) {
            int to = round.batchEnds[b];
            int[] local = localRows(block, offset, rows, from, to);
            if (local.length > 0) {
                double cost = backpropagate(block, local);
                result.costSums[b] = cost * local.length;
                result.correct[b] = correct(local.length);
                result.rows[b] = local.length;
                step.apply(round.learningRate);
            }
            from = to;
        }
        result.addWeighted(parameters, optimizer.state(), (float) here / rows.length);
        return result;
    }

    /** Which of {@code batch[from … to)} (global row indices) this block holds, as its own row indices, in order. */
    private static int[] localRows(RowBlock block, int offset, int[] batch, int from, int to) {
        int[] local = new int[to - from];
        int mp = 0;
        for (int i = from; i < to; i++) {
            int r = batch[i];
            if (r >= offset && r < offset + block.size()) local[mp++] = r - offset;
        }
        return Arrays.copyOf(local, mp);
    }

    /** Forward and backward over the block's {@code local} rows: the gradient in {@code g}; returns the mean cost. */
    private double backpropagate(RowBlock block, int[] local) {
        bp.load(block.x, block.y, local, 0, local.length);
        double cost = bp.forward(0f, null);
        bp.backward(g);
        return cost;
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
