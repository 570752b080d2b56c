package io.mlp4j.spark;

import io.mlp4j.train.DataSummary;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * A DataFrame's training rows, checked and converted once into cached {@link RowBlock}s, one per partition. Row i of
 * the training data is the i-th row in partition order, so partition p holds rows {@code offsets[p] …
 * offsets[p] + counts[p]}; the trainer shuffles those indices and each step's tasks pick their part of the batch.
 */
final class TrainingRows implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.mlp4j.spark");

    final JavaRDD<RowBlock> blocks;
    final int[] offsets;
    final int[] counts;
    final DataSummary summary;

    private TrainingRows(JavaRDD<RowBlock> blocks, int[] offsets, int[] counts, DataSummary summary) {
        this.blocks = blocks;
        this.offsets = offsets;
        this.counts = counts;
        this.summary = summary;
    }

    /**
     * Checks the columns' types, converts and caches the rows, and fails with one message naming the column (and the
     * row) on the first bad one; all before any training step. {@code classes} &gt; 0 for a classifier, 0 for a
     * regressor. A DataFrame with more partitions than rows is coalesced to one partition per row: empty tasks cost a
     * job slot each step and change nothing, and users expect a small DataFrame to just train.
     */
    static TrainingRows load(Dataset<Row> df, String featuresCol, String labelCol, int inputs, int classes) {
        requireColumns(df.schema(), featuresCol, labelCol);
        Dataset<Row> selected = df.select(col(featuresCol), col(labelCol).cast(DataTypes.DoubleType));
        JavaRDD<Row> rows = selected.javaRDD();
        TrainingRows loaded = convert(rows, featuresCol, labelCol, inputs, classes);
        if (loaded.summary == null) throw new IllegalArgumentException("the DataFrame is empty: there are no rows to train on");
        int partitions = rows.getNumPartitions();
        if (loaded.summary.size() < partitions) {
            loaded.close();
            LOG.log(System.Logger.Level.INFO, "{0} rows in {1} partitions: coalesced to {0}", loaded.summary.size(), partitions);
            loaded = convert(rows.coalesce(loaded.summary.size()), featuresCol, labelCol, inputs, classes);
        }
        return loaded;
    }

    static void requireColumns(StructType schema, String featuresCol, String labelCol) {
        List<String> names = Arrays.asList(schema.fieldNames());
        for (String name : List.of(featuresCol, labelCol)) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("column '" + name + "' not found; the DataFrame has " + names);
            }
        }
        DataType features = schema.apply(featuresCol).dataType();
        if (!features.equals(SQLDataTypes.VectorType())) {
            throw new IllegalArgumentException("column '" + featuresCol + "' is " + features.simpleString()
                    + ", not a vector (org.apache.spark.ml.linalg.Vector): assemble numeric columns with VectorAssembler");
        }
        StructField label = schema.apply(labelCol);
        if (!(label.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("column '" + labelCol + "' is " + label.dataType().simpleString()
                    + ", not a number" + (label.dataType().equals(DataTypes.StringType) ? ": index string labels with StringIndexer" : ""));
        }
    }

    private static TrainingRows convert(JavaRDD<Row> rows, String featuresCol, String labelCol, int inputs, int classes) {
        JavaRDD<RowBlock> blocks = rows
                .mapPartitions(it -> List.of(RowBlock.convert(it, featuresCol, labelCol, inputs, classes)).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<long[]> shapes = blocks.map(b -> new long[] {b.size(), b.badRow, b.hash}).collect();
        int[] counts = new int[shapes.size()], offsets = new int[shapes.size()];
        long total = 0, h = 0;
        for (int p = 0; p < shapes.size(); p++) {
            long[] s = shapes.get(p);
            if (total + s[0] > Integer.MAX_VALUE) {
                blocks.unpersist(false);
                throw new IllegalArgumentException("more than " + Integer.MAX_VALUE + " rows: train on a sample");
            }
            offsets[p] = (int) total;
            counts[p] = (int) s[0];
            if (s[1] >= 0) {
                String problem = blocks.map(b -> b.problem).collect().get(p);
                blocks.unpersist(false);
                throw new IllegalArgumentException("row " + (total + s[1]) + ": " + problem);
            }
            total += s[0];
            h = RowBlock.mix(RowBlock.mix(h, s[2]), s[0]);
        }
        if (total == 0) {
            blocks.unpersist(false);
            return new TrainingRows(blocks, offsets, counts, null);
        }
        int targets = classes > 0 ? classes : 1;
        String fingerprint = String.format(Locale.ROOT, "%d rows × %d features, hash %016x", total, inputs, h);
        return new TrainingRows(blocks, offsets, counts, new DataSummary((int) total, inputs, targets, classes > 0, fingerprint));
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }
}
