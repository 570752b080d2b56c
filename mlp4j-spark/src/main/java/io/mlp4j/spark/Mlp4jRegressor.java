package io.mlp4j.spark;

import io.mlp4j.train.TrainingResult;
import org.apache.spark.ml.Predictor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An mlp4j network as a Spark ML regressor: one identity output unit (so {@code layers} ends in 1), mean squared error
 * unless {@code loss} says otherwise, a numeric {@code labelCol}, a vector {@code featuresCol}. Trained as
 * {@link Mlp4jClassifier} is: exact data-parallel steps through core's trainer.
 */
public final class Mlp4jRegressor extends Predictor<Vector, Mlp4jRegressor, Mlp4jRegressionModel>
        implements TrainingParams<Mlp4jRegressor>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** Set by the first {@link #uid()} call, which Spark's param fields make while the superclass is constructed. */
    private String uid;

    public Mlp4jRegressor() {
        this(Uids.hold(null));
    }

    public Mlp4jRegressor(String uid) {
        this(Uids.hold(uid));
    }

    private Mlp4jRegressor(Uids.Held held) {
        setTrainingDefaults("mse");
    }

    @Override
    public String uid() {
        if (uid == null) uid = Uids.take("mlp4jRegressor");
        return uid;
    }

    @Override
    public Mlp4jRegressionModel fit(Dataset<?> dataset) {
        TrainingRows.requireColumns(dataset.schema(), getFeaturesCol(), getLabelCol());
        return super.fit(dataset);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mlp4jRegressionModel train(Dataset<?> dataset) {
        int[] layers = getLayers();
        if (layers[layers.length - 1] != 1) {
            throw new IllegalArgumentException("a regressor predicts one number: layers must end in 1, got "
                    + java.util.Arrays.toString(layers));
        }
        NetworkSpec spec = new NetworkSpec(layers, getActivation(), "identity", getLoss());
        TrainingResult result = SparkTraining.fit(this, (Dataset<Row>) dataset, getFeaturesCol(), getLabelCol(), spec, 0);
        Mlp4jRegressionModel model = new Mlp4jRegressionModel(uid(), TrainedNetwork.of(result.network()), result);
        return copyValues(model, extractParamMap()).setParent(this);
    }

    @Override
    public Mlp4jRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Spark ML persistence (an estimator saves its params only); PipelineModel.load finds it by this name. */
    public static MLReader<Mlp4jRegressor> read() {
        return new DefaultParamsReadable<Mlp4jRegressor>() { }.read();
    }

    public static Mlp4jRegressor load(String path) {
        return read().load(path);
    }
}
