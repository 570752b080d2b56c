package io.mlp4j.spark;

import com.google.gson.GsonBuilder;
import io.mlp4j.train.EpochRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains an {@link Mlp4jClassifier} on Spark from the command line and prints {@code mlp4j train --json}'s fields:
 * locally ({@code mlp4j-spark/train-local}, Spark from Maven, {@code local[2]}) or on a cluster through
 * {@code spark-submit} (which sets the master; {@code --master} is then ignored). The data: a directory of IDX files
 * ({@code train-images-idx3-ubyte.gz} …, MNIST's layout), a Parquet file with a vector column, or a LibSVM file.
 *
 * <pre>
 * train-local [--train PATH] [--test PATH] [--layers 784,128,10] [--epochs N] [--batch N] [--lr η]
 *             [--optimizer adam] [--activation relu] [--schedule cosine] [--seed N] [--partitions N]
 *             [--checkpoint-dir DIR] [--out DIR] [--master local[2]]
 * </pre>
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) {
        try {
            run(options(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("mlp4j-spark: " + e.getMessage());
            System.exit(1);
        }
    }

    private static final List<String> OPTIONS = List.of("train", "test", "layers", "epochs", "batch", "lr", "optimizer",
            "activation", "schedule", "seed", "partitions", "checkpoint-dir", "out", "master");

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        // the MNIST-10k digits in the repository (train-local passes where the repository is)
        o.put("train", Path.of(System.getProperty("mlp4j.home", "."), "mlp4j-cli/src/main/resources/io/mlp4j/cli/mnist-10k").toString());
        o.put("epochs", "2");
        o.put("batch", "128");
        o.put("out", "mlp4j-spark-model");
        o.put("master", "local[2]");
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!OPTIONS.contains(name)) throw new IllegalArgumentException("unknown option " + args[i] + " (options: --" + String.join(", --", OPTIONS) + ")");
            if (i + 1 == args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            o.put(name, args[++i]);
        }
        return o;
    }

    private static void run(Map<String, String> o) throws IOException {
        SparkSession.Builder b = SparkSession.builder().appName("mlp4j-spark train");
        if (!new SparkConf().contains("spark.master")) b.master(o.get("master")); // spark-submit sets it
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        int partitions = Integer.parseInt(o.getOrDefault("partitions", Integer.toString(spark.sparkContext().defaultParallelism())));
        Dataset<Row> train = read(spark, o.get("train"), true, partitions).cache();
        Dataset<Row> test = o.containsKey("test") ? read(spark, o.get("test"), false, partitions)
                : isIdx(o.get("train")) ? read(spark, o.get("train"), false, partitions) : null;

        Mlp4jClassifier mlp = new Mlp4jClassifier().setLayers(layers(o, train)).setEpochs(integer(o, "epochs"))
                .setBatchSize(integer(o, "batch"));
        if (o.containsKey("lr")) mlp.setLearningRate(Double.parseDouble(o.get("lr")));
        if (o.containsKey("optimizer")) mlp.setOptimizer(o.get("optimizer"));
        if (o.containsKey("activation")) mlp.setActivation(o.get("activation"));
        if (o.containsKey("schedule")) mlp.setSchedule(o.get("schedule"));
        if (o.containsKey("seed")) mlp.setSeed(Long.parseLong(o.get("seed")));
        if (o.containsKey("checkpoint-dir")) mlp.setCheckpointDir(o.get("checkpoint-dir"));

        long started = System.nanoTime();
        Mlp4jClassificationModel model = mlp.fit(train);
        double seconds = (System.nanoTime() - started) / 1e9;
        model.write().overwrite().save(o.get("out"));

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", o.get("out") + "/" + ModelStore.WEIGHTS);
        j.put("architecture", model.mlp4jModel().network().architecture().shape());
        j.put("parameters", model.mlp4jModel().network().parameterCount());
        j.put("epochs", model.history().size());
        j.put("train_loss", model.history().last().trainLoss());
        if (test != null) {
            Dataset<Row> predicted = model.transform(test);
            MulticlassClassificationEvaluator e = new MulticlassClassificationEvaluator();
            j.put("test_loss", e.setMetricName("logLoss").evaluate(predicted));
            j.put("test_accuracy", e.setMetricName("accuracy").evaluate(predicted));
        }
        j.put("seconds", seconds);
        j.put("history", history(model));
        System.out.println(new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(j));
        spark.stop();
    }

    /** Each epoch as {@code mlp4j train --json} lists it (no validation figures: there is no validation set). */
    private static List<Map<String, Object>> history(Mlp4jClassificationModel model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochRecord r : model.history().epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            m.put("train_loss", r.trainLoss());
            m.put("train_accuracy", r.trainAccuracy());
            m.put("learning_rate", r.learningRate());
            m.put("seconds", r.seconds());
            rows.add(m);
        }
        return rows;
    }

    private static boolean isIdx(String path) {
        return Files.isDirectory(Path.of(path)) && Files.exists(Path.of(path, "train-labels-idx1-ubyte.gz"));
    }

    /** IDX directory (its train or t10k files), Parquet (a features vector and a label column) or LibSVM. */
    static Dataset<Row> read(SparkSession spark, String path, boolean train, int partitions) throws IOException {
        if (isIdx(path)) {
            String prefix = train ? "train" : "t10k";
            return Frames.idx(spark, Path.of(path, prefix + "-images-idx3-ubyte.gz"),
                    Path.of(path, prefix + "-labels-idx1-ubyte.gz"), partitions);
        }
        if (path.endsWith(".parquet")) return spark.read().parquet(path).repartition(partitions);
        return spark.read().format("libsvm").load(path).repartition(partitions);
    }

    private static int[] layers(Map<String, String> o, Dataset<Row> train) {
        if (o.containsKey("layers")) {
            return Arrays.stream(o.get("layers").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        }
        TrainingRows.requireColumns(train.schema(), "features", "label");
        int inputs = ((org.apache.spark.ml.linalg.Vector) train.first().get(train.schema().fieldIndex("features"))).size();
        int classes = (int) train.agg(org.apache.spark.sql.functions.max("label")).first().getDouble(0) + 1;
        return new int[] {inputs, inputs >= 256 ? 128 : 64, classes};
    }

    private static int integer(Map<String, String> o, String name) {
        try {
            return Integer.parseInt(o.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + o.get(name));
        }
    }
}
