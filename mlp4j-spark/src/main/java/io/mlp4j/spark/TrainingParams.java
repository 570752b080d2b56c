package io.mlp4j.spark;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.train.LearningRateSchedule;
import io.mlp4j.train.Optimizer;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The training params both estimators share, with Spark's conventions: a public no-argument method per param (Spark
 * finds them by reflection), {@code getX}/{@code setX}, defaults set by the estimator's constructor
 * ({@link #setTrainingDefaults}). A param is identified by its owner's uid and its name, so the methods may build it
 * on each call. Names follow the {@code mlp4j train} options; the values are checked when set.
 */
@SuppressWarnings("unchecked")
public interface TrainingParams<T extends TrainingParams<T>> extends Params {

    default IntArrayParam layers() {
        return new IntArrayParam(this, "layers", "sizes from the input to the output layer, e.g. [784, 256, 128, 10]");
    }

    default Param<String> activation() {
        return new Param<>(this, "activation", "hidden layers' activation: relu, leaky-relu, sigmoid, tanh, …",
                (String id) -> valid(() -> Activation.fromId(id)));
    }

    default Param<String> loss() {
        return new Param<>(this, "loss", "the cost: cross-entropy (classifier, softmax output) or mse, mae, … (regressor)",
                (String id) -> valid(() -> Loss.fromId(id)));
    }

    default Param<String> optimizer() {
        return new Param<>(this, "optimizer", "sgd, momentum, nesterov, rmsprop, adam or adamw",
                (String id) -> valid(() -> Optimizer.byName(id, 0)));
    }

    default DoubleParam learningRate() {
        return new DoubleParam(this, "learningRate", "the base learning rate η", ParamValidators.gt(0));
    }

    default DoubleParam weightDecay() {
        return new DoubleParam(this, "weightDecay", "L2 weight decay (AdamW: decoupled)", ParamValidators.gtEq(0));
    }

    default Param<String> schedule() {
        return new Param<>(this, "schedule", "learning-rate schedule: constant, cosine, step:E:F, … (as mlp4j train)",
                (String s) -> valid(() -> LearningRateSchedule.parse(s)));
    }

    default DoubleParam clipNorm() {
        return new DoubleParam(this, "clipNorm", "clip the gradient's global norm to this (0: off)", ParamValidators.gtEq(0));
    }

    default IntParam batchSize() {
        return new IntParam(this, "batchSize", "rows per mini-batch, over all partitions", ParamValidators.gtEq(1));
    }

    default IntParam epochs() {
        return new IntParam(this, "epochs", "passes over the training data", ParamValidators.gtEq(1));
    }

    default LongParam seed() {
        return new LongParam(this, "seed", "seeds the initial weights and the shuffle");
    }

    default Param<String> checkpointDir() {
        return new Param<>(this, "checkpointDir", "a directory on the driver: a checkpoint after every epoch, and fit "
                + "resumes from the one there (empty: no checkpoints)");
    }

    default IntParam aggregationDepth() {
        return new IntParam(this, "aggregationDepth", "depth of treeAggregate's tree (2: partitions' sums merged on "
                + "executors first when there are many)", ParamValidators.gtEq(1));
    }

    default IntParam localSteps() {
        return new IntParam(this, "localSteps", "1: exact synchronous steps (the single-machine model); K > 1: each "
                + "partition takes K optimizer steps on its own rows between averagings of parameters and optimizer "
                + "state (one Spark job per K steps; not exact)", ParamValidators.gtEq(1));
    }

    /** Spark ML's defaults pattern; the estimators call it from their constructors. */
    default void setTrainingDefaults(String loss) {
        setDefault(activation(), "relu");
        setDefault(loss(), loss);
        setDefault(optimizer(), "adam");
        setDefault(learningRate(), 0.001);
        setDefault(weightDecay(), 0.0);
        setDefault(schedule(), "cosine");
        setDefault(clipNorm(), 0.0);
        setDefault(batchSize(), 128);
        setDefault(epochs(), 10);
        setDefault(seed(), 1L);
        setDefault(checkpointDir(), "");
        setDefault(aggregationDepth(), 2);
        setDefault(localSteps(), 1);
    }

    default int[] getLayers() {
        if (!isDefined(layers())) throw new IllegalArgumentException("set layers, e.g. setLayers(new int[] {784, 128, 10})");
        return (int[]) getOrDefault(layers());
    }

    default String getActivation() { return getOrDefault(activation()); }
    default String getLoss() { return getOrDefault(loss()); }
    default String getOptimizer() { return getOrDefault(optimizer()); }
    default double getLearningRate() { return (Double) getOrDefault(learningRate()); }
    default double getWeightDecay() { return (Double) getOrDefault(weightDecay()); }
    default String getSchedule() { return getOrDefault(schedule()); }
    default double getClipNorm() { return (Double) getOrDefault(clipNorm()); }
    default int getBatchSize() { return (Integer) getOrDefault(batchSize()); }
    default int getEpochs() { return (Integer) getOrDefault(epochs()); }
    default long getSeed() { return (Long) getOrDefault(seed()); }
    default String getCheckpointDir() { return getOrDefault(checkpointDir()); }
    default int getAggregationDepth() { return (Integer) getOrDefault(aggregationDepth()); }
    default int getLocalSteps() { return (Integer) getOrDefault(localSteps()); }

    default T setLayers(int[] v) { return (T) set(layers(), v); }
    default T setActivation(String v) { return (T) set(activation(), v); }
    default T setLoss(String v) { return (T) set(loss(), v); }
    default T setOptimizer(String v) { return (T) set(optimizer(), v); }
    default T setLearningRate(double v) { return (T) set(learningRate(), v); }
    default T setWeightDecay(double v) { return (T) set(weightDecay(), v); }
    default T setSchedule(String v) { return (T) set(schedule(), v); }
    default T setClipNorm(double v) { return (T) set(clipNorm(), v); }
    default T setBatchSize(int v) { return (T) set(batchSize(), v); }
    default T setEpochs(int v) { return (T) set(epochs(), v); }
    default T setSeed(long v) { return (T) set(seed(), v); }
    default T setCheckpointDir(String v) { return (T) set(checkpointDir(), v); }
    default T setAggregationDepth(int v) { return (T) set(aggregationDepth(), v); }

    /** Checked here, with a message that says what K is (Spark's validator would only name the value). */
    default T setLocalSteps(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("localSteps must be at least 1 (1: exact steps; K > 1: K local steps "
                    + "between averagings), got " + k);
        }
        return (T) set(localSteps(), k);
    }

    /** A validator that accepts what mlp4j's own parser accepts. */
    private static boolean valid(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
