package io.mlp4j.spark;

import io.mlp4j.model.Model;
import io.mlp4j.train.History;
import io.mlp4j.train.TrainingResult;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A fitted {@link Mlp4jClassifier}: {@code transform} adds {@code probabilityCol} (the softmax outputs),
 * {@code rawPredictionCol} (the same values: the network's output layer) and {@code predictionCol} (the most probable
 * class). {@code save} writes Spark's metadata and an mlp4j model file ({@link #mlp4jModel()}).
 */
public final class Mlp4jClassificationModel extends ProbabilisticClassificationModel<Vector, Mlp4jClassificationModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;

    /** Set by the first {@link #uid()} call, which Spark's param fields make while the superclass is constructed. */
    private String uid;
    private final TrainedNetwork trained;
    /** The training history (epochs, losses, accuracies); null after {@link #load}. */
    private final transient TrainingResult result;

    Mlp4jClassificationModel(String uid, TrainedNetwork trained, TrainingResult result) {
        this(Uids.hold(uid), trained, result);
    }

    private Mlp4jClassificationModel(Uids.Held held, TrainedNetwork trained, TrainingResult result) {
        this.trained = trained;
        this.result = result;
    }

    @Override
    public String uid() {
        if (uid == null) uid = Uids.take("mlp4jClassificationModel");
        return uid;
    }

    @Override
    public int numClasses() {
        return trained.spec.outputs();
    }

    @Override
    public int numFeatures() {
        return trained.spec.inputs();
    }

    @Override
    public Vector predictRaw(Vector features) {
        float[] a = trained.predict(features);
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return Vectors.dense(d);
    }

    /** The output layer is already a softmax. */
    @Override
    public Vector raw2probabilityInPlace(Vector raw) {
        return raw;
    }

    /** Spark's own classification summaries use it; javac needs the two inherited declarations resolved. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // a raw type is the one return type both Scala signatures accept
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    /** The trained network with its class names "0" … "k−1", as the saved model file holds it. */
    public Model mlp4jModel() {
        return trained.model(ModelStore.numberedClasses(numClasses()));
    }

    /** The fit's epochs (training loss and accuracy each), or null for a loaded model. */
    public History history() {
        return result == null ? null : result.history();
    }

    @Override
    public Mlp4jClassificationModel copy(ParamMap extra) {
        return copyValues(new Mlp4jClassificationModel(uid(), trained, result), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelStore.writer(this, this::mlp4jModel);
    }

    public static MLReader<Mlp4jClassificationModel> read() {
        return ModelStore.reader((uid, trained) -> new Mlp4jClassificationModel(uid, trained, null));
    }

    public static Mlp4jClassificationModel load(String path) {
        return read().load(path);
    }
}
