package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;
import io.mlp4j.random.SeededRandom;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark training against single-machine mlp4j (core's {@link Trainer} and {@link Backpropagation}, which core's own
 * tests check against the double-precision reference network): same batches, same model.
 */
class ExactTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        SparkTests.spark();
    }

    private final Dataset data = SparkTests.blobs(203, 6, 3, 11); // 203: the last batch is short, the halves unequal
    private final NetworkSpec spec = new NetworkSpec(new int[] {6, 16, 3}, "relu", "softmax", "cross-entropy");

    @Test
    void theGradientOfTwoPartitionsIsTheSingleMachineGradient() {
        Network net = Network.create(spec.architecture(), null, 3);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new SeededRandom(8).shuffle(order); // a batch with rows from both partitions, in shuffled order
        int start = 40, m = 64;

        Gradients expected = new Gradients(net.architecture());
        Backpropagation bp = new Backpropagation(net, m);
        bp.load(data.features(), data.targets(), order, start, m);
        double cost = bp.forward(0f, null);
        bp.backward(expected);

        Gradients actual = new Gradients(net.architecture());
        try (TrainingRows rows = TrainingRows.load(SparkTests.frame(data, 2), "features", "label", 6, 3);
             SparkGradientSource source = new SparkGradientSource(rows, spec, 128, 2)) {
            assertEquals(2, rows.counts.length);
            source.gradient(net, order, start, m, actual);
        }
        assertEquals(cost, actual.cost(), 1e-6 * cost, "the batch's mean cost");
        // Each gradient is a mean of m products summed in another order (two partial means weighted by m_p/m):
        // float rounding, a few ulps of the largest term; 1e-5 of the tensor's largest entry bounds it.
        List<Parameter> want = net.parameters(expected), got = net.parameters(actual);
        for (int t = 0; t < want.size(); t++) {
            float[] w = want.get(t).gradient(), a = got.get(t).gradient();
            float scale = 0;
            for (float v : w) scale = Math.max(scale, Math.abs(v));
            assertTrue(scale > 0, "a gradient that is not all zero");
            for (int i = 0; i < w.length; i++) assertEquals(w[i], a[i], 1e-5 * scale, want.get(t).name() + "[" + i + "]");
        }
    }

    private Trainer.Builder recipe() {
        return Trainer.builder().epochs(3).batchSize(32).learningRate(0.05).optimizer(io.mlp4j.train.Sgd.momentum(0.9))
                .schedule(io.mlp4j.train.LearningRateSchedule.parse("cosine")).clipNorm(5).seed(4);
    }

    private Mlp4jClassifier estimator() {
        return new Mlp4jClassifier().setLayers(spec.layers()).setActivation("relu").setOptimizer("momentum")
                .setLearningRate(0.05).setSchedule("cosine").setClipNorm(5).setEpochs(3).setBatchSize(32).setSeed(4);
    }

    @Test
    void onOnePartitionSparkTrainsTheSingleMachineModelFileByteForByte() throws Exception {
        Network local = Network.create(spec.architecture(), null, 4);
        recipe().build().fit(local, data, null);
        Mlp4jClassificationModel model = estimator().fit(SparkTests.frame(data, 1));
        assertArrayEquals(saved(local, "local"), saved(model.mlp4jModel().network(), "spark"));
    }

    @Test
    void onTwoPartitionsThreeEpochsOfStepsEqualSingleMachineTraining() {
        Network local = Network.create(spec.architecture(), null, 4);
        TrainingResult expected = recipe().build().fit(local, data, null);
        Mlp4jClassificationModel model = estimator().fit(SparkTests.frame(data, 2));
        Network spark = model.mlp4jModel().network();
        // 21 steps of momentum SGD from the same start on the same batches: gradients that differ by float rounding
        // (the test above) move the weights apart by rounding-sized amounts; 1e-4 is ~1000 ulps of weights near 1.
        for (int l = 0; l < local.layers().size(); l++) {
            assertArrayEquals(local.layer(l).weights(), spark.layer(l).weights(), 1e-4f, "layer " + l + " weights");
            assertArrayEquals(local.layer(l).biases(), spark.layer(l).biases(), 1e-4f, "layer " + l + " biases");
        }
        for (int e = 0; e < 3; e++) {
            EpochRecord want = expected.history().epochs().get(e), got = model.history().epochs().get(e);
            assertEquals(want.trainLoss(), got.trainLoss(), 1e-5 * want.trainLoss(), "epoch " + e + " loss");
            assertEquals(want.trainAccuracy(), got.trainAccuracy(), "epoch " + e + " accuracy");
        }
        assertTrue(expected.history().last().trainAccuracy() > 0.9, "the recipe learns the blobs");
    }

    private byte[] saved(Network net, String name) throws Exception {
        Path f = tmp.resolve(name + ".safetensors");
        ModelFile.save(new Model(net, null, data.classNames()), f);
        return Files.readAllBytes(f);
    }
}
