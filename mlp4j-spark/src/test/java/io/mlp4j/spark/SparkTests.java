package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.random.SeededRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The one Spark session all test classes share (a JVM holds one SparkContext; starting it costs seconds): two task
 * threads, and up to four attempts per task ({@code local[2,4]}), so a failed task is retried as on a cluster.
 */
final class SparkTests {
    private static SparkSession spark;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2,4]").appName("mlp4j-spark tests")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
        }
        return spark;
    }

    static final StructType SCHEMA = Frames.SCHEMA;

    /** The data set's rows as a DataFrame (features, label) in the same order, cut into {@code partitions}. */
    static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions) {
        return Frames.of(spark(), data, partitions);
    }

    /** Gaussian blobs: {@code classes} clusters in {@code features} dimensions, well separated, seeded. */
    static Dataset blobs(int n, int features, int classes, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[][] centres = new float[classes][features];
        for (float[] c : centres) for (int j = 0; j < features; j++) c[j] = (float) (2 * rng.nextGaussian());
        float[][] x = new float[n][features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < features; j++) x[i][j] = centres[y[i]][j] + (float) rng.nextGaussian();
        }
        return Dataset.classification(x, y, Dataset.numberedClasses(classes), null);
    }
}
