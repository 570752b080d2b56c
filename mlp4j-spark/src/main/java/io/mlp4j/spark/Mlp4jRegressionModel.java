package io.mlp4j.spark;

import io.mlp4j.model.Model;
import io.mlp4j.train.History;
import io.mlp4j.train.TrainingResult;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/** A fitted {@link Mlp4jRegressor}: {@code transform} adds {@code predictionCol}; {@code save} as the classifier's. */
public final class Mlp4jRegressionModel extends RegressionModel<Vector, Mlp4jRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    /** Set by the first {@link #uid()} call, which Spark's param fields make while the superclass is constructed. */
    private String uid;
    private final TrainedNetwork trained;
    private final transient TrainingResult result;

    Mlp4jRegressionModel(String uid, TrainedNetwork trained, TrainingResult result) {
        this(Uids.hold(uid), trained, result);
    }

    private Mlp4jRegressionModel(Uids.Held held, TrainedNetwork trained, TrainingResult result) {
        this.trained = trained;
        this.result = result;
    }

    @Override
    public String uid() {
        if (uid == null) uid = Uids.take("mlp4jRegressionModel");
        return uid;
    }

    @Override
    public int numFeatures() {
        return trained.spec.inputs();
    }

    @Override
    public double predict(Vector features) {
        return trained.predict(features)[0];
    }

    /** The trained network as an mlp4j model, as the saved model file holds it. */
    public Model mlp4jModel() {
        return trained.model(null);
    }

    /** The fit's epochs (training loss each), or null for a loaded model. */
    public History history() {
        return result == null ? null : result.history();
    }

    @Override
    public Mlp4jRegressionModel copy(ParamMap extra) {
        return copyValues(new Mlp4jRegressionModel(uid(), trained, result), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelStore.writer(this, this::mlp4jModel);
    }

    public static MLReader<Mlp4jRegressionModel> read() {
        return ModelStore.reader((uid, trained) -> new Mlp4jRegressionModel(uid, trained, null));
    }

    public static Mlp4jRegressionModel load(String path) {
        return read().load(path);
    }
}
