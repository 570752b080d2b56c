package io.mlp4j.spark;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimators as Spark users meet them: in a Pipeline with Spark's feature transformers, saved and loaded. */
class PipelineTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        SparkTests.spark();
    }

    /** Three numeric columns on very different scales (so the scaler matters) and a class from their sum. */
    private static Dataset<Row> table(int n) {
        List<Row> rows = new ArrayList<>();
        io.mlp4j.random.SeededRandom rng = new io.mlp4j.random.SeededRandom(3);
        for (int i = 0; i < n; i++) {
            double a = rng.nextGaussian(), b = rng.nextGaussian(), c = rng.nextGaussian();
            double label = a + b > 0.5 ? 2 : a + b > -0.5 ? 1 : 0;
            rows.add(RowFactory.create(1000 * a, 0.001 * b, c, label, 3 * a - 2 * b + 0.5 * c));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("label", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        // parallelize keeps the rows' order (each transform lists them alike) in two partitions
        return SparkTests.spark().createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext())
                        .parallelize(rows, 2), schema);
    }

    private static PipelineStage[] features() {
        return new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("raw"),
                new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true)};
    }

    @Test
    void aPipelineFitsTransformsSavesAndLoadsAndItsWeightsAreAnMlp4jModelFile() throws Exception {
        Dataset<Row> data = table(600);
        Mlp4jClassifier mlp = new Mlp4jClassifier().setLayers(new int[] {3, 16, 3}).setEpochs(5).setBatchSize(120)
                .setLearningRate(0.05); // 25 steps: each is a Spark job
        PipelineStage[] stages = features();
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {stages[0], stages[1], mlp});
        PipelineModel fitted = pipeline.fit(data);

        Dataset<Row> out = fitted.transform(data).cache();
        double accuracy = out.filter("prediction = label").count() / 600.0;
        assertTrue(accuracy > 0.9, "separable by a + b: accuracy " + accuracy);
        List<Row> before = out.select("features", "probability", "prediction").collectAsList();

        String path = tmp.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        pipeline.write().overwrite().save(tmp.resolve("unfitted").toString()); // the estimator's params too
        assertEquals(5, ((Mlp4jClassifier) Pipeline.load(tmp.resolve("unfitted").toString()).getStages()[2]).getEpochs());
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> after = loaded.transform(data).select("features", "probability", "prediction").collectAsList();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(((Vector) before.get(i).get(1)).toArray(), ((Vector) after.get(i).get(1)).toArray(), "row " + i);
        }

        // The stage's weights are an ordinary mlp4j model file: what `mlp4j evaluate/predict/serve` read.
        Path weights = tmp.resolve("pipeline/stages/2_" + fitted.stages()[2].uid() + "/model.safetensors");
        Model model = ModelFile.load(weights);
        assertEquals(List.of("0", "1", "2"), model.classNames());
        for (int i = 0; i < 20; i++) {
            double[] x = ((Vector) before.get(i).get(0)).toArray();
            float[] xf = new float[x.length];
            for (int j = 0; j < x.length; j++) xf[j] = (float) x[j];
            float[] p = model.predict(xf);
            double[] spark = ((Vector) before.get(i).get(1)).toArray();
            for (int k = 0; k < 3; k++) assertEquals(p[k], spark[k], 0, "row " + i + " class " + k);
            assertEquals(model.classify(xf).classIndex(), before.get(i).getDouble(2), "row " + i);
        }
        // … and the `mlp4j` command reads it.
        java.io.StringWriter info = new java.io.StringWriter(), err = new java.io.StringWriter();
        int exit = io.mlp4j.cli.Main.run(new String[] {"info", "--model", weights.toString(), "--json"},
                new java.io.PrintWriter(info), new java.io.PrintWriter(err));
        assertEquals(0, exit, err.toString());
        assertTrue(info.toString().contains("\"3-16-3\""), info.toString());
    }

    @Test
    void theRegressorFitsALinearTargetAndSurvivesSaveAndLoad() throws Exception {
        Dataset<Row> data = table(400);
        PipelineStage[] stages = features();
        Mlp4jRegressor mlp = new Mlp4jRegressor().setLayers(new int[] {3, 8, 1}).setEpochs(8).setBatchSize(50)
                .setLearningRate(0.03).setSchedule("constant"); // 64 steps
        mlp.setLabelCol("y");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {stages[0], stages[1], mlp}).fit(data);
        Mlp4jRegressionModel model = (Mlp4jRegressionModel) fitted.stages()[2];
        double lastLoss = model.history().last().trainLoss();
        // y = 3a − 2b + c/2 has variance 9 + 4 + 0.25 = 13.25: a fit that learned it has a far smaller squared error
        assertTrue(lastLoss < 0.05 * 13.25, "training mse " + lastLoss);

        String path = tmp.resolve("regressor").toString();
        fitted.write().overwrite().save(path);
        List<Row> before = fitted.transform(data).select("prediction").collectAsList();
        List<Row> after = PipelineModel.load(path).transform(data).select("prediction").collectAsList();
        assertEquals(before, after);
        assertEquals(1, ModelFile.load(tmp.resolve("regressor/stages/2_" + model.uid() + "/model.safetensors"))
                .network().outputSize());
    }
}
