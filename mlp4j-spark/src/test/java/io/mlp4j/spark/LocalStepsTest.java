package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.io.Checkpoints;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;
import io.mlp4j.random.SeededRandom;
import io.mlp4j.train.Adam;
import io.mlp4j.train.LearningRateSchedule;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.OptimizerStep;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local steps with periodic averaging ({@code localSteps} K &gt; 1) against what it should be, computed here
 * without Spark from core's {@link Backpropagation}, {@link OptimizerStep} and {@link Adam}: on one partition the
 * single-machine model; on two, after one round, the row-weighted average of the two partitions' own runs.
 */
class LocalStepsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        SparkTests.spark();
    }

    private final Dataset data = SparkTests.blobs(203, 6, 3, 11); // 7 batches of 32 an epoch, the last one short
    private final NetworkSpec spec = new NetworkSpec(new int[] {6, 16, 3}, "relu", "softmax", "cross-entropy");

    private Mlp4jClassifier estimator(int epochs, int k) {
        return new Mlp4jClassifier().setLayers(spec.layers()).setOptimizer("adam").setLearningRate(0.01)
                .setSchedule("cosine").setClipNorm(5).setEpochs(epochs).setBatchSize(32).setSeed(4).setLocalSteps(k);
    }

    @Test
    void onOnePartitionKLocalStepsAreSingleMachineTrainingByteForByte() throws Exception {
        Network local = Network.create(spec.architecture(), null, 4);
        Trainer.builder().epochs(2).batchSize(32).learningRate(0.01).optimizer(Adam.adam(0))
                .schedule(LearningRateSchedule.parse("cosine")).clipNorm(5).seed(4).build().fit(local, data, null);
        // K = 3: rounds of 3, 3 and 1 batches each epoch; Adam's moments and step count go out and come back
        Network spark = estimator(2, 3).fit(SparkTests.frame(data, 1)).mlp4jModel().network();
        assertArrayEquals(saved(local, "local"), saved(spark, "spark"));
    }

    @Test
    void onTwoPartitionsOneRoundIsTheRowWeightedAverageOfThePartitionsOwnRuns() throws Exception {
        String dir = tmp.resolve("checkpoints").toString(); // the epoch's checkpoint holds the averaged Adam state
        Network spark = estimator(1, 7).setSchedule("constant").setCheckpointDir(dir)
                .fit(SparkTests.frame(data, 2)).mlp4jModel().network();
        TrainingState state = Checkpoints.read(Checkpoints.file(Path.of(dir)));

        int[] order = new int[data.size()]; // the trainer's shuffle: seeded with the seed, from the identity
        for (int i = 0; i < order.length; i++) order[i] = i;
        new SeededRandom(4).shuffle(order);
        int half;
        try (TrainingRows rows = TrainingRows.load(SparkTests.frame(data, 2), "features", "label", 6, 3)) {
            half = rows.offsets[1]; // partition 0 holds rows 0 … half-1, partition 1 the rest
        }
        Own first = ownRun(order, 0, half), second = ownRun(order, half, data.size());
        float a = (float) first.rows / data.size(), b = (float) second.rows / data.size();
        List<Parameter> got = spark.parameters(new Gradients(spark.architecture()));
        for (int t = 0; t < got.size(); t++) {
            float[] w0 = first.parameters.get(t).value(), w1 = second.parameters.get(t).value();
            float[] want = new float[w0.length];
            for (int i = 0; i < want.length; i++) want[i] = a * w0[i] + b * w1[i];
            assertArrayEquals(want, got.get(t).value(), got.get(t).name());
        }
        Map<String, float[]> m0 = first.optimizer.state().buffers(), m1 = second.optimizer.state().buffers();
        assertEquals(m0.keySet(), state.optimizer().buffers().keySet());
        for (String key : m0.keySet()) {
            float[] s0 = m0.get(key), s1 = m1.get(key), want = new float[s0.length];
            for (int i = 0; i < want.length; i++) want[i] = a * s0[i] + b * s1[i];
            assertArrayEquals(want, state.optimizer().buffers().get(key), key);
        }
        assertEquals(7, state.optimizer().stepCount(), "Adam's t: seven steps taken");
        assertFalse(Arrays.equals(first.parameters.get(0).value(), second.parameters.get(0).value()),
                "the partitions' runs differ, so their average is not either one");
    }

    /** A partition's own run through the epoch's batches: a step on its rows of each, in batch order. */
    private record Own(List<Parameter> parameters, Optimizer optimizer, int rows) {
    }

    private Own ownRun(int[] order, int from, int to) {
        Network net = Network.create(spec.architecture(), null, 4);
        Gradients g = new Gradients(net.architecture());
        Adam adam = Adam.adam(0);
        OptimizerStep step = new OptimizerStep(net, g, adam, 5);
        Backpropagation bp = new Backpropagation(net, 32);
        int rows = 0;
        for (int start = 0; start < order.length; start += 32) {
            int[] mine = Arrays.stream(order, start, Math.min(start + 32, order.length)).filter(r -> r >= from && r < to).toArray();
            assertTrue(mine.length > 0 && mine.length < 32, "each batch has rows of both partitions");
            bp.load(data.features(), data.targets(), mine, 0, mine.length);
            bp.forward(0f, null);
            bp.backward(g);
            step.apply(0.01);
            rows += mine.length;
        }
        return new Own(net.parameters(g), adam, rows);
    }

    @Test
    void localStepsBelowOneAreRefusedWithWhatKMeans() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Mlp4jClassifier().setLocalSteps(0));
        assertEquals("localSteps must be at least 1 (1: exact steps; K > 1: K local steps between averagings), got 0",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Mlp4jRegressor().setLocalSteps(-3));
    }

    private byte[] saved(Network net, String name) throws Exception {
        Path f = tmp.resolve(name + ".safetensors");
        ModelFile.save(new Model(net, null, data.classNames()), f);
        return Files.readAllBytes(f);
    }
}
