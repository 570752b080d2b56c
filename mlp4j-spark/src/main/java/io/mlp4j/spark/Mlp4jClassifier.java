package io.mlp4j.spark;

import io.mlp4j.train.TrainingResult;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An mlp4j network as a Spark ML classifier: softmax over {@code layers}' last size k, cross-entropy, labels
 * 0 … k−1 (a double column, as {@code StringIndexer} makes them), a vector {@code featuresCol}.
 *
 * <pre>{@code
 * Mlp4jClassificationModel model = new Mlp4jClassifier().setLayers(new int[] {784, 256, 128, 10})
 *         .setEpochs(10).setBatchSize(128).fit(train);
 * model.transform(test).select("prediction", "probability");
 * }</pre>
 *
 * <p>Training is data-parallel and exact: each step every partition backpropagates its rows of the global
 * mini-batch and the driver takes the optimizer's step ({@link SparkGradientSource}), so the model is the one
 * {@code mlp4j train} would make from the same batches. Bad input fails before the first step, naming the column.
 */
public final class Mlp4jClassifier extends ProbabilisticClassifier<Vector, Mlp4jClassifier, Mlp4jClassificationModel>
        implements TrainingParams<Mlp4jClassifier>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** Set by the first {@link #uid()} call, which Spark's param fields make while the superclass is constructed. */
    private String uid;

    public Mlp4jClassifier() {
        this(Uids.hold(null));
    }

    public Mlp4jClassifier(String uid) {
        this(Uids.hold(uid));
    }

    private Mlp4jClassifier(Uids.Held held) {
        setTrainingDefaults("cross-entropy");
    }

    @Override
    public String uid() {
        if (uid == null) uid = Uids.take("mlp4jClassifier");
        return uid;
    }

    /** Checks the columns with one clear message each (Spark's own check would name them less plainly), then fits. */
    @Override
    public Mlp4jClassificationModel fit(Dataset<?> dataset) {
        TrainingRows.requireColumns(dataset.schema(), getFeaturesCol(), getLabelCol());
        return super.fit(dataset);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mlp4jClassificationModel train(Dataset<?> dataset) {
        int[] layers = getLayers();
        int k = layers[layers.length - 1];
        if (k < 2) throw new IllegalArgumentException("a classifier needs at least 2 output units (classes), got layers ending in " + k);
        NetworkSpec spec = new NetworkSpec(layers, getActivation(), "softmax", getLoss());
        TrainingResult result = SparkTraining.fit(this, (Dataset<Row>) dataset, getFeaturesCol(), getLabelCol(), spec, k);
        Mlp4jClassificationModel model = new Mlp4jClassificationModel(uid(), TrainedNetwork.of(result.network()), result);
        return copyValues(model, extractParamMap()).setParent(this);
    }

    @Override
    public Mlp4jClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Spark ML persistence (an estimator saves its params only); PipelineModel.load finds it by this name. */
    public static MLReader<Mlp4jClassifier> read() {
        return new DefaultParamsReadable<Mlp4jClassifier>() { }.read();
    }

    public static Mlp4jClassifier load(String path) {
        return read().load(path);
    }
}
