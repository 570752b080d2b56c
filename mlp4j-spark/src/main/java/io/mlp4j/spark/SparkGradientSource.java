package io.mlp4j.spark;

import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;
import io.mlp4j.train.GradientSource;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The first half of each training step on Spark, exact and synchronous: the driver broadcasts the parameters, every
 * partition backpropagates the batch's rows it holds with mlp4j's batched kernels, {@code treeAggregate} sums the
 * partitions' shares, and the trainer on the driver takes the step (optimizer, clipping, schedule, checkpoints).
 *
 * <p>The batch's mean gradient is ∑_p (m_p/m)·∇C_p, which is the single-machine batch mean up to the order floats are
 * summed in: the same batches in the same order give the same model.
 */
final class SparkGradientSource implements GradientSource, AutoCloseable {
    private final TrainingRows rows;
    private final NetworkSpec spec;
    private final int capacity;
    private final int depth;
    private final String run = UUID.randomUUID().toString();
    private final JavaSparkContext sc;

    /** {@code capacity}: the largest batch (each task backpropagates at most its part of one). */
    SparkGradientSource(TrainingRows rows, NetworkSpec spec, int capacity, int treeDepth) {
        this.rows = rows;
        this.spec = spec;
        this.capacity = capacity;
        this.depth = treeDepth;
        this.sc = JavaSparkContext.fromSparkContext(rows.blocks.context());
    }

    @Override
    public void gradient(Network net, int[] order, int start, int m, Gradients g) {
        List<Parameter> parameters = net.parameters(g);
        Broadcast<Weights> weights = sc.broadcast(new Weights(flatten(parameters)));
        int[] batch = Arrays.copyOfRange(order, start, start + m);
        try {
            PartialGradient sum = PartitionJobs.sum(rows, run, spec, Math.min(capacity, m), depth, new PartialGradient(),
                    (w, block, offset) -> w.add(new PartialGradient(), weights.value().values, block, offset, batch),
                    PartialGradient::merge);
            if (sum.rows != m || sum.gradient == null) {
                throw new IllegalStateException("the partitions returned " + sum.rows + " rows of a batch of " + m);
            }
            unflatten(sum.gradient, parameters);
            g.setBatchResult(sum.costSum / m, sum.correct);
        } finally {
            weights.destroy();
        }
    }

    /** Every parameter in one array, layer by layer, weight then bias: what is broadcast each step. */
    static float[] flatten(List<Parameter> parameters) {
        int n = 0;
        for (Parameter p : parameters) n += p.value().length;
        float[] flat = new float[n];
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.value(), 0, flat, at, p.value().length);
            at += p.value().length;
        }
        return flat;
    }

    private static void unflatten(float[] flat, List<Parameter> parameters) {
        int at = 0;
        for (Parameter p : parameters) {
            System.arraycopy(flat, at, p.gradient(), 0, p.gradient().length);
            at += p.gradient().length;
        }
    }

    @Override
    public void close() {
        PartitionWorker.forget(run);
    }
}
