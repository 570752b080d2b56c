package io.mlp4j.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input fails in fit before the first training step, with one message naming the column (and the row). */
class BadInputTest {
    @BeforeAll
    static void startSpark() {
        SparkTests.spark();
    }

    private static Dataset<Row> frame(StructType schema, List<Row> rows, int partitions) {
        return SparkTests.spark().createDataFrame(org.apache.spark.api.java.JavaSparkContext
                .fromSparkContext(SparkTests.spark().sparkContext()).parallelize(rows, partitions), schema);
    }

    /** Ten good rows of 3 features and labels 0..2, then {@code bad} (if not null) as row 10. */
    private static Dataset<Row> rows(Row bad) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) rows.add(RowFactory.create(Vectors.dense(i, -i, 0.5), (double) (i % 3)));
        if (bad != null) rows.add(bad);
        return frame(SparkTests.SCHEMA, rows, 2);
    }

    private static String error(Dataset<Row> df) {
        Mlp4jClassifier mlp = new Mlp4jClassifier().setLayers(new int[] {3, 4, 3}).setEpochs(1);
        return assertThrows(IllegalArgumentException.class, () -> mlp.fit(df)).getMessage();
    }

    @Test
    void aMissingOrMistypedColumnIsNamed() {
        assertEquals("column 'features' not found; the DataFrame has [label]", error(rows(null).select("label")));
        assertEquals("column 'features' is double, not a vector (org.apache.spark.ml.linalg.Vector): assemble numeric "
                + "columns with VectorAssembler", error(rows(null).selectExpr("cast(1 as double) as features", "label")));
        assertEquals("column 'label' is string, not a number: index string labels with StringIndexer",
                error(rows(null).selectExpr("features", "'cat' as label")));
    }

    @Test
    void aBadRowIsNamedByColumnAndRow() {
        assertEquals("row 10: column 'features' has a vector of 2 values but the first layer has 3 inputs",
                error(rows(RowFactory.create(Vectors.dense(1, 2), 0.0))));
        assertEquals("row 10: column 'features' has NaN at index 1",
                error(rows(RowFactory.create(Vectors.dense(1, Double.NaN, 2), 0.0))));
        assertEquals("row 10: column 'features' has Infinity at index 0",
                error(rows(RowFactory.create(Vectors.sparse(3, new int[] {0}, new double[] {Double.POSITIVE_INFINITY}), 0.0))));
        assertEquals("row 10: column 'label' is 3.0, not a class index 0..2 (the output layer has 3 units; index string "
                + "labels with StringIndexer)", error(rows(RowFactory.create(Vectors.dense(1, 2, 3), 3.0))));
        assertEquals("row 10: column 'label' is 0.5, not a class index 0..2 (the output layer has 3 units; index string "
                + "labels with StringIndexer)", error(rows(RowFactory.create(Vectors.dense(1, 2, 3), 0.5))));
        assertEquals("row 10: column 'features' is null", error(rows(RowFactory.create(null, 1.0))));
    }

    @Test
    void anEmptyDataFrameIsAnErrorAndMorePartitionsThanRowsAreCoalesced() {
        assertEquals("the DataFrame is empty: there are no rows to train on", error(rows(null).limit(0)));

        List<Row> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) three.add(RowFactory.create(Vectors.dense(i, 1, 2), (double) i));
        Dataset<Row> df = frame(SparkTests.SCHEMA, three, 8);
        try (TrainingRows rows = TrainingRows.load(df, "features", "label", 3, 3)) {
            assertEquals(3, rows.counts.length, "one partition per row");
            assertEquals(3, rows.summary.size());
        }
        Mlp4jClassificationModel model = new Mlp4jClassifier().setLayers(new int[] {3, 4, 3}).setEpochs(2).fit(df);
        assertEquals(2, model.history().size());
    }

    @Test
    void theRegressorNeedsOneOutputAndANumericLabel() {
        Mlp4jRegressor mlp = new Mlp4jRegressor().setLayers(new int[] {3, 4, 2});
        assertEquals("a regressor predicts one number: layers must end in 1, got [3, 4, 2]",
                assertThrows(IllegalArgumentException.class, () -> mlp.fit(rows(null))).getMessage());
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.StringType);
        assertEquals("column 'label' is string, not a number: index string labels with StringIndexer",
                assertThrows(IllegalArgumentException.class, () -> mlp.fit(frame(schema, List.of(), 1))).getMessage());
    }
}
