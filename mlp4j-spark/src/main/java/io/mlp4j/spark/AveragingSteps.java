package io.mlp4j.spark;

import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.StepSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Training on Spark with fewer jobs: local steps with periodic averaging. Every K batches (a round; rounds end with
 * the epoch) the driver broadcasts the parameters and the optimizer's state; each partition takes one optimizer step
 * per batch of the round on the rows of it that it holds (so about m/P rows a step), with core's optimizer and
 * clipping; one {@code treeAggregate} brings back the parameters and states reached, each weighted by the partition's
 * share of the round's rows, and their sum is the next round's start. One Spark job per K steps instead of one per
 * step.
 *
 * <p>Not the single-machine model: the partitions' steps see fewer rows and drift apart between averagings (the
 * accuracy this costs is measured in docs/benchmarks.md). With one partition it is exactly single-machine training;
 * with K = 1 and plain SGD, the weighted average of the partitions' steps ω − η·∇C_p is ω − η·∇C, the exact step.
 * The trainer reports each batch's cost as the partitions computed it, at their own parameters.
 */
final class AveragingSteps implements StepSource, AutoCloseable {
    private final TrainingRows rows;
    private final NetworkSpec spec;
    private final int batchSize;
    private final int localSteps;
    private final int depth;
    private final Optimizer optimizer;
    private final String optimizerName;
    private final double weightDecay;
    private final double clipNorm;
    private final String run = UUID.randomUUID().toString();
    private final JavaSparkContext sc;

    /** The round in progress: its batches' first row (in the epoch's order) and results, and the next to report. */
    private int[] batchStarts = new int[0];
    private LocalRound results;
    private int next;

    /** {@code optimizer}: the trainer's own instance, whose state this source reads and replaces each round. */
    AveragingSteps(TrainingRows rows, NetworkSpec spec, int batchSize, int localSteps, int treeDepth,
                   Optimizer optimizer, String optimizerName, double weightDecay, double clipNorm) {
        if (localSteps < 2) throw new IllegalArgumentException("averaging needs at least 2 local steps, got " + localSteps);
        this.rows = rows;
        this.spec = spec;
        this.batchSize = batchSize;
        this.localSteps = localSteps;
        this.depth = treeDepth;
        this.optimizer = optimizer;
        this.optimizerName = optimizerName;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.sc = JavaSparkContext.fromSparkContext(rows.blocks.context());
    }

    @Override
    public void step(Network net, int[] order, int start, int m, double learningRate, Gradients g) {
        if (next == batchStarts.length) round(net, order, start, learningRate);
        if (batchStarts[next] != start || results.rows[next] != m) {
            throw new IllegalStateException("the trainer asked for rows " + start + "+" + m + ", the round has "
                    + batchStarts[next] + "+" + results.rows[next]);
        }
        g.setBatchResult(results.costSums[next] / m, results.correct[next]);
        next++;
    }

    /** Runs the round of up to K batches from {@code start} (the trainer's batch size, cut at the epoch's end). */
    private void round(Network net, int[] order, int start, double learningRate) {
        int size = Math.min(batchSize, order.length);
        int batches = Math.min(localSteps, (order.length - start + size - 1) / size);
        int[] ends = new int[batches];
        batchStarts = new int[batches];
        for (int b = 0; b < batches; b++) {
            batchStarts[b] = start + b * size;
            ends[b] = Math.min(batchStarts[b] + size, order.length) - start;
        }
        int[] roundRows = Arrays.copyOfRange(order, start, start + ends[batches - 1]);
        List<Parameter> parameters = net.parameters(new Gradients(net.architecture()));
        Broadcast<Round> round = sc.broadcast(new Round(SparkGradientSource.flatten(parameters), optimizer.state(),
                roundRows, ends, learningRate, optimizerName, weightDecay, clipNorm));
        try {
            LocalRound sum = PartitionJobs.sum(rows, run, spec, size, depth, new LocalRound(batches),
                    (w, block, offset) -> w.steps(round.value(), block, offset), LocalRound::merge);
            int counted = Arrays.stream(sum.rows).sum();
            if (counted != roundRows.length || sum.parameters == null) {
                throw new IllegalStateException("the partitions returned " + counted + " rows of a round of " + roundRows.length);
            }
            int at = 0;
            for (Parameter p : parameters) {
                System.arraycopy(sum.parameters, at, p.value(), 0, p.value().length);
                at += p.value().length;
            }
            optimizer.restore(sum.state.state(sum.state.stepCount));
            results = sum;
            next = 0;
        } finally {
            round.destroy();
        }
    }

    @Override
    public void close() {
        PartitionWorker.forget(run);
    }
}
