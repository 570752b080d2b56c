package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.IdxReader;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.nn.Network;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.TrainingListener;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark against Spark MLlib (docs/benchmarks.md, "mlp4j-spark against MLlib"); not a test. Fashion-MNIST (or
 * any IDX directory) on the same master, side by side:
 * <ul>
 *   <li>{@code mllib}: MLlib's MultilayerPerceptronClassifier 784-256-128-10 (sigmoid hidden layers), l-bfgs;</li>
 *   <li>{@code mlp4j}: mlp4j-spark's default recipe (ReLU, Adam, cosine) on the same layers, once per
 *   {@code --local-steps} K (1: exact; e.g. {@code --local-steps 1,8,32});</li>
 *   <li>{@code mlp4j-sigmoid}: the MLlib-like recipe, sigmoid hidden layers;</li>
 *   <li>{@code scaling}: seconds per exact step of W3's 784-2048-2048-10 (run once with local[1], once with local[2]).</li>
 * </ul>
 * For the mlp4j runs it prints, per epoch, the training seconds so far (evaluation excluded) and the test accuracy,
 * hence the time to reach MLlib's accuracy. Run it under the benchmark lock:
 * {@code flock /tmp/mlp4j-bench.lock env MLP4J_SPARK_MAIN=io.mlp4j.spark.MllibComparison mlp4j-spark/train-local
 * --data ../shared/datasets/fashion-mnist --runs mllib,mlp4j,mlp4j-sigmoid}.
 */
public final class MllibComparison {
    private MllibComparison() {
    }

    public static void main(String[] args) throws IOException {
        String data = value(args, "--data", "../shared/datasets/fashion-mnist");
        String master = value(args, "--master", "local[2]");
        List<String> runs = Arrays.asList(value(args, "--runs", "mllib,mlp4j,mlp4j-sigmoid").split(","));
        int limit = Integer.parseInt(value(args, "--limit", "0")); // a tiny run checks the program: the first N rows
        int iterations = Integer.parseInt(value(args, "--mllib-iterations", "100"));
        int epochs = Integer.parseInt(value(args, "--epochs", "10"));
        int batch = Integer.parseInt(value(args, "--batch", "128"));
        int steps = Integer.parseInt(value(args, "--scaling-steps", "20"));
        int scalingBatch = Integer.parseInt(value(args, "--scaling-batch", "256"));
        double target = Double.parseDouble(value(args, "--target", "0.8467")); // MLlib's l-bfgs accuracy, measured
        int[] localSteps = Arrays.stream(value(args, "--local-steps", "1").split(",")).mapToInt(Integer::parseInt).toArray();

        SparkSession spark = Train.withTrainingDefaults(SparkSession.builder()).master(master).appName("mlp4j-spark vs MLlib")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        int partitions = spark.sparkContext().defaultParallelism();
        Dataset train = read(data, "train", limit), test = read(data, "t10k", limit);
        org.apache.spark.sql.Dataset<Row> trainFrame = Frames.of(spark, train, partitions).cache();
        org.apache.spark.sql.Dataset<Row> testFrame = Frames.of(spark, test, partitions).cache();
        System.out.printf(Locale.ROOT, "%s, %d partitions, %d train / %d test rows, %s%n", master, partitions,
                train.size(), test.size(), Runtime.version());
        trainFrame.count();
        testFrame.count();

        if (runs.contains("mllib")) {
            long t0 = System.nanoTime();
            MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 256, 128, 10}).setSolver("l-bfgs").setMaxIter(iterations).setSeed(1)
                    .fit(trainFrame);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(m.transform(testFrame));
            System.out.printf(Locale.ROOT, "mllib l-bfgs %d iterations: %.1f s, test accuracy %.4f%n", iterations, seconds, accuracy);
        }
        if (runs.contains("mlp4j")) {
            for (int k : localSteps) mlp4j(spark, trainFrame, test, "relu", 0.001, epochs, batch, k, target);
        }
        if (runs.contains("mlp4j-sigmoid")) {
            mlp4j(spark, trainFrame, test, "sigmoid", 0.003, epochs, batch, 1, target);
        }
        if (runs.contains("scaling")) {
            Mlp4jClassifier p = new Mlp4jClassifier().setLayers(new int[] {784, 2048, 2048, 10}).setEpochs(1).setBatchSize(scalingBatch);
            Network net = Network.create(new NetworkSpec(p.getLayers(), "relu", "softmax", "cross-entropy").architecture(), null, 1);
            Timer timer = new Timer(steps);
            int[] first = new int[Math.min(train.size(), scalingBatch * (steps + 3))];
            for (int i = 0; i < first.length; i++) first[i] = i;
            org.apache.spark.sql.Dataset<Row> rows = Frames.of(spark, train.subset(first), partitions);
            SparkTraining.fit(p, rows, "features", "label", net, 10, timer);
            System.out.printf(Locale.ROOT, "scaling 784-2048-2048-10, batch %d, %s: %.3f s per step (mean of %d steps after 3)%n",
                    scalingBatch, master, timer.perStep(), timer.timed);
        }
        spark.stop();
    }

    private static void mlp4j(SparkSession spark, org.apache.spark.sql.Dataset<Row> train, Dataset test, String activation,
                              double lr, int epochs, int batch, int localSteps, double target) {
        Mlp4jClassifier p = new Mlp4jClassifier().setLayers(new int[] {784, 256, 128, 10}).setActivation(activation)
                .setLearningRate(lr).setEpochs(epochs).setBatchSize(batch).setLocalSteps(localSteps);
        Network net = Network.create(new NetworkSpec(p.getLayers(), activation, "softmax", "cross-entropy").architecture(), null, 1);
        double[] trainingSeconds = {0};
        double[] reached = {Double.NaN};
        long[] epochStart = {System.nanoTime()};
        TrainingListener evaluate = new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord r) {
                trainingSeconds[0] += (System.nanoTime() - epochStart[0]) / 1e9;
                double accuracy = Evaluation.of(net, test).accuracy(); // on the driver, outside the timed part
                if (accuracy >= target && Double.isNaN(reached[0])) reached[0] = trainingSeconds[0];
                System.out.printf(Locale.ROOT, "  epoch %d: %.1f s, train loss %.4f, test accuracy %.4f%n", r.epoch(),
                        trainingSeconds[0], r.trainLoss(), accuracy);
                epochStart[0] = System.nanoTime();
            }
        };
        long t0 = System.nanoTime();
        SparkTraining.fit(p, train, "features", "label", net, 10, evaluate);
        System.out.printf(Locale.ROOT, "mlp4j %s adam lr %s batch %d, local steps %d, %d epochs: %.1f s training (%.1f s with the load and"
                        + " evaluations), test accuracy %.4f, %.4f reached after %.1f s%n", activation, lr, batch, localSteps, epochs,
                trainingSeconds[0], (System.nanoTime() - t0) / 1e9, Evaluation.of(net, test).accuracy(), target, reached[0]);
    }

    /** Seconds per step after the first three (JIT, first broadcast), over {@code steps}. */
    private static final class Timer implements TrainingListener {
        private final int steps;
        private long start;
        private int seen, timed;
        private double seconds;

        Timer(int steps) {
            this.steps = steps;
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, int size, double loss) {
            seen++;
            long now = System.nanoTime();
            if (seen > 3 && timed < steps) {
                seconds += (now - start) / 1e9;
                timed++;
            }
            start = now;
        }

        double perStep() {
            return seconds / timed;
        }
    }

    private static Dataset read(String dir, String prefix, int limit) throws IOException {
        Dataset d = IdxReader.read(Path.of(dir, prefix + "-images-idx3-ubyte.gz"), Path.of(dir, prefix + "-labels-idx1-ubyte.gz"), 10);
        if (limit <= 0 || limit >= d.size()) return d;
        int[] first = new int[limit];
        for (int i = 0; i < limit; i++) first[i] = i;
        return d.subset(first);
    }

    private static String value(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
