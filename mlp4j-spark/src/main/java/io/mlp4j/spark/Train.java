package io.mlp4j.spark;

import com.google.gson.GsonBuilder;
import io.mlp4j.train.EpochRecord;
import org.apache.spark.SparkConf;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Trains an {@link Mlp4jClassifier} on Spark from the command line and prints {@code mlp4j train --json}'s fields:
 * locally ({@code mlp4j-spark/train-local}, Spark from Maven, {@code local[2]}) or on a cluster through
 * {@code spark-submit} (which sets the master; {@code --master} is then ignored). The data: a directory of IDX files
 * ({@code train-images-idx3-ubyte.gz} …, MNIST's layout), a Parquet file with a vector column, or a LibSVM file.
 *
 * <pre>
 * train-local [--train PATH] [--test PATH] [--layers 784,128,10] [--epochs N] [--batch N] [--lr η]
 *             [--optimizer adam] [--activation relu] [--schedule cosine] [--seed N] [--partitions N]
 *             [--checkpoint-dir DIR] [--local-steps K] [--out DIR] [--force] [--master local[2]] [--verbose]
 * </pre>
 */
@Command(name = "train-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains an mlp4j network on Spark and prints mlp4j train --json's fields.")
public final class Train implements Callable<Integer> {
    @Option(names = "--train", paramLabel = "PATH", description = "IDX directory, .parquet file or LibSVM file "
            + "(default: the MNIST-10k digits in the repository).")
    String trainPath = Path.of(System.getProperty("mlp4j.home", "."), "mlp4j-cli/src/main/resources/io/mlp4j/cli/mnist-10k").toString();
    @Option(names = "--test", paramLabel = "PATH", description = "Test data (an IDX directory's t10k files by default).")
    String testPath;
    @Option(names = "--layers", split = ",", paramLabel = "N", description = "Layer sizes, e.g. 784,128,10 "
            + "(default: the data's width, 128 or 64, its classes).")
    int[] layers;
    @Option(names = "--epochs", defaultValue = "2") int epochs;
    @Option(names = "--batch", defaultValue = "128") int batch;
    @Option(names = "--lr", paramLabel = "η") Double lr;
    @Option(names = "--optimizer") String optimizer;
    @Option(names = "--activation") String activation;
    @Option(names = "--schedule") String schedule;
    @Option(names = "--seed") Long seed;
    @Option(names = "--partitions", description = "Partitions of the data (default: Spark's default parallelism).")
    Integer partitions;
    @Option(names = "--checkpoint-dir", paramLabel = "DIR") String checkpointDir;
    @Option(names = "--local-steps", paramLabel = "K", defaultValue = "1", description = "1: exact steps (default);"
            + " K > 1: each partition takes K steps on its own rows between averagings (one Spark job per K steps).")
    int localSteps;
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "mlp4j-spark-model",
            description = "Where the model is saved (Spark ML's layout; the weights are DIR/model.safetensors).")
    String out;
    @Option(names = "--force", description = "Replace --out if it exists.") boolean force;
    @Option(names = "--master", defaultValue = "local[2]", description = "Ignored under spark-submit, which sets it.")
    String master;
    @Option(names = "--verbose", description = "Stack traces with errors.") boolean verbose;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new Train());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            Train t = line.getCommand();
            if (t.verbose) e.printStackTrace();
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            System.err.println("mlp4j-spark: " + message);
            return 1;
        });
        System.exit(cli.execute(args)); // picocli: usage errors exit 2
    }

    @Override
    public Integer call() throws IOException {
        // Before Spark starts (seconds), as the estimator would refuse it after
        new Mlp4jClassifier().setLocalSteps(localSteps);
        SparkSession.Builder b = withTrainingDefaults(SparkSession.builder().appName("mlp4j-spark train"));
        if (!new SparkConf().contains("spark.master")) b.master(master); // spark-submit sets it
        SparkSession spark = b.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        // Before training, not after it: the run's output must not replace what the user has, nor be lost to it
        if (!force && exists(spark, out)) {
            throw new IllegalArgumentException(out + " already exists: choose another --out, or --force to replace it");
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("train", trainPath);
        if (testPath != null) o.put("test", testPath);
        o.put("out", out);
        o.put("partitions", Integer.toString(partitions != null ? partitions : spark.sparkContext().defaultParallelism()));
        run(spark, o);
        return 0;
    }

    private void run(SparkSession spark, Map<String, String> o) throws IOException {
        int partitions = Integer.parseInt(o.get("partitions"));
        Dataset<Row> train = read(spark, o.get("train"), true, partitions).cache();
        Dataset<Row> test = o.containsKey("test") ? read(spark, o.get("test"), false, partitions)
                : isIdx(o.get("train")) ? read(spark, o.get("train"), false, partitions) : null;

        Mlp4jClassifier mlp = new Mlp4jClassifier().setLayers(layers(train)).setEpochs(epochs).setBatchSize(batch);
        if (lr != null) mlp.setLearningRate(lr);
        if (optimizer != null) mlp.setOptimizer(optimizer);
        if (activation != null) mlp.setActivation(activation);
        if (schedule != null) mlp.setSchedule(schedule);
        if (seed != null) mlp.setSeed(seed);
        if (checkpointDir != null) mlp.setCheckpointDir(checkpointDir);
        mlp.setLocalSteps(localSteps);

        long started = System.nanoTime();
        Mlp4jClassificationModel model = mlp.fit(train);
        double seconds = (System.nanoTime() - started) / 1e9;
        model.write().overwrite().save(o.get("out")); // checked before training: absent, or --force

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

    /**
     * Two Spark settings for what every exact step sends, unless the user set them (e.g. {@code spark-submit --conf}):
     * a task's partial gradient (4 bytes per parameter) comes back with its status message rather than through the
     * block manager, which Spark does above 1 MB by default (the driver then fetches each result over the network
     * service: ~75–270 ms a step for W3's 23 MB on the development machine, against ~10–20 ms for the direct result);
     * and broadcasts are not lz4-compressed, since float weights barely compress (~20 ms a step of W3 saved).
     * Spark has no per-broadcast or per-job control of either, so the estimator cannot set them itself.
     */
    static SparkSession.Builder withTrainingDefaults(SparkSession.Builder b) {
        SparkConf given = new SparkConf(); // spark-submit's --conf and -Dspark.* arrive as system properties
        if (!given.contains("spark.task.maxDirectResultSize")) b.config("spark.task.maxDirectResultSize", "128m");
        if (!given.contains("spark.broadcast.compress")) b.config("spark.broadcast.compress", "false");
        return b;
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

    /** On the file system Spark reads the path from (local, HDFS, S3 …). */
    private static boolean exists(SparkSession spark, String path) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
        return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    }

    private static boolean isIdx(String path) {
        return Files.isDirectory(Path.of(path)) && Files.exists(Path.of(path, "train-labels-idx1-ubyte.gz"));
    }

    /** IDX directory (its train or t10k files), Parquet (a features vector and a label column) or LibSVM. */
    static Dataset<Row> read(SparkSession spark, String path, boolean train, int partitions) throws IOException {
        // Spark would log a stack trace at WARN before its own error: the path is checked here, in one line
        if (!exists(spark, path)) throw new IllegalArgumentException(path + " does not exist (" + (train ? "--train" : "--test") + ")");
        if (isIdx(path)) {
            String prefix = train ? "train" : "t10k";
            return Frames.idx(spark, Path.of(path, prefix + "-images-idx3-ubyte.gz"),
                    Path.of(path, prefix + "-labels-idx1-ubyte.gz"), partitions);
        }
        if (path.endsWith(".parquet")) return spark.read().parquet(path).repartition(partitions);
        return spark.read().format("libsvm").load(path).repartition(partitions);
    }

    private int[] layers(Dataset<Row> train) {
        if (layers != null) return layers;
        TrainingRows.requireColumns(train.schema(), "features", "label");
        int inputs = ((org.apache.spark.ml.linalg.Vector) train.first().get(train.schema().fieldIndex("features"))).size();
        int classes = (int) train.agg(org.apache.spark.sql.functions.max("label")).first().getDouble(0) + 1;
        return new int[] {inputs, inputs >= 256 ? 128 : 64, classes};
    }
}
