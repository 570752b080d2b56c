package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.IdxReader;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Training data as Spark ML wants it: a {@code features} vector column and a {@code label} double column. For
 * Parquet and LibSVM Spark's own readers do it ({@code spark.read().parquet(path)} then a VectorAssembler,
 * {@code spark.read().format("libsvm").load(path)}); IDX image files (MNIST and its kin) are read here with mlp4j's
 * {@link IdxReader}, pixels scaled to [0, 1], as {@code mlp4j train} reads them.
 */
public final class Frames {
    public static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);

    private Frames() {
    }

    /** An IDX images file and its labels file as a DataFrame in file order, cut into {@code partitions}. */
    public static org.apache.spark.sql.Dataset<Row> idx(SparkSession spark, Path images, Path labels, int partitions)
            throws IOException {
        return of(spark, IdxReader.read(images, labels, 0), partitions);
    }

    /**
     * An mlp4j classification data set as a DataFrame, row i of the data set being row i of the DataFrame. The rows
     * are broadcast once and each partition builds its contiguous slice from them: a parallelized list would travel
     * inside every task of every training step that reads the (cached) rows, since a task carries its lineage's
     * partitions.
     */
    public static org.apache.spark.sql.Dataset<Row> of(SparkSession spark, Dataset data, int partitions) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<float[][]> x = sc.broadcast(data.features());
        Broadcast<int[]> y = sc.broadcast(data.labels());
        int n = data.size();
        JavaRDD<Row> rows = sc.parallelize(java.util.stream.IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(p -> {
                    int from = (int) ((long) n * p / partitions), to = (int) ((long) n * (p + 1) / partitions);
                    List<Row> slice = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) slice.add(row(x.value()[i], y.value()[i]));
                    return slice.iterator();
                });
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row row(float[] x, int label) {
        double[] d = new double[x.length];
        for (int j = 0; j < x.length; j++) d[j] = x[j];
        return RowFactory.create(Vectors.dense(d), (double) label);
    }
}
