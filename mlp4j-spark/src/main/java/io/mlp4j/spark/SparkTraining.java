package io.mlp4j.spark;

import io.mlp4j.io.Checkpoints;
import io.mlp4j.nn.Network;
import io.mlp4j.train.LearningRateSchedule;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingListener;
import io.mlp4j.train.TrainingResult;
import io.mlp4j.train.TrainingState;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One fit on Spark: the rows checked and cached on the executors, a fresh network (or the checkpoint's) on the
 * driver, and core's {@link Trainer} with a {@link SparkGradientSource}: the same loop, optimizers, schedules,
 * clipping, history and checkpoints as {@code mlp4j train}; with {@code localSteps} K &gt; 1, an
 * {@link AveragingSteps} that takes K local steps per partition between averagings instead.
 */
final class SparkTraining {
    private SparkTraining() {
    }

    /** {@code classes} &gt; 0 for a classifier (labels 0 … classes−1), 0 for a regressor. */
    static TrainingResult fit(TrainingParams<?> p, Dataset<Row> df, String featuresCol, String labelCol,
                              NetworkSpec spec, int classes) {
        return fit(p, df, featuresCol, labelCol, Network.create(spec.architecture(), null, p.getSeed()), classes, null);
    }

    /**
     * Trains {@code start} in place (unless a checkpoint is resumed), telling {@code listener} (may be null) of each
     * epoch: what the benchmark uses to time the epochs and evaluate between them.
     */
    static TrainingResult fit(TrainingParams<?> p, Dataset<Row> df, String featuresCol, String labelCol,
                              Network start, int classes, TrainingListener listener) {
        NetworkSpec spec = TrainedNetwork.of(start).spec;
        Optimizer optimizer = Optimizer.byName(p.getOptimizer(), p.getWeightDecay());
        try (TrainingRows rows = TrainingRows.load(df, featuresCol, labelCol, spec.inputs(), classes);
             SparkGradientSource exact = new SparkGradientSource(rows, spec, p.getBatchSize(), p.getAggregationDepth());
             AveragingSteps averaging = p.getLocalSteps() == 1 ? null : new AveragingSteps(rows, spec, p.getBatchSize(),
                     p.getLocalSteps(), p.getAggregationDepth(), optimizer, p.getOptimizer(), p.getWeightDecay(),
                     p.getClipNorm())) {
            Trainer.Builder b = Trainer.builder().epochs(p.getEpochs()).batchSize(p.getBatchSize())
                    .learningRate(p.getLearningRate()).optimizer(optimizer)
                    .schedule(LearningRateSchedule.parse(p.getSchedule())).clipNorm(p.getClipNorm()).seed(p.getSeed())
                    .setting("layers", Arrays.toString(spec.layers())).setting("activation", spec.activation())
                    .setting("output", spec.output()).setting("loss", spec.loss())
                    .setting("local-steps", Integer.toString(p.getLocalSteps()));
            if (averaging == null) b.gradientSource(exact);
            else b.stepSource(averaging);
            if (listener != null) b.listener(listener);
            String dir = p.getCheckpointDir();
            if (dir.isEmpty()) {
                return b.build().fit(start, rows.summary);
            }
            Trainer trainer = b.checkpoints(Checkpoints.in(Path.of(dir)), 0).build();
            Path file = Checkpoints.file(Path.of(dir));
            if (!Files.exists(file)) return trainer.fit(start, rows.summary);
            TrainingState state = Checkpoints.read(file);
            return trainer.resume(state, rows.summary);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint in " + p.getCheckpointDir() + ": " + e.getMessage(), e);
        }
    }
}
