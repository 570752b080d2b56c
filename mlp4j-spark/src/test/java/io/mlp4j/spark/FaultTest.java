package io.mlp4j.spark;

import io.mlp4j.data.Dataset;
import io.mlp4j.io.Checkpoints;
import io.mlp4j.nn.Network;
import io.mlp4j.train.TrainingState;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults as a cluster has them. Mid-training an executor loses its cached rows (here: the cache is dropped after a
 * few steps), so a step's tasks recompute them from the DataFrame, and a task fails (a column function that throws on
 * its first attempt once armed); Spark retries it ({@code local[2,4]}: four attempts) and the model is unchanged.
 * And a driver that dies mid-training resumes from its last epoch's checkpoint to the model of an uninterrupted run.
 */
class FaultTest {
    @TempDir
    Path tmp;

    /** Armed: the next first attempt of a task that reads the rows fails; always: every attempt does (the job dies). */
    static final AtomicBoolean ARMED = new AtomicBoolean(), ALWAYS = new AtomicBoolean();
    static final AtomicInteger THROWN = new AtomicInteger();

    private final Dataset data = SparkTests.blobs(160, 5, 3, 21);
    private SparkListener listener;

    @BeforeAll
    static void startSpark() {
        SparkTests.spark();
    }

    @AfterEach
    void removeListener() {
        if (listener != null) SparkTests.spark().sparkContext().removeSparkListener(listener);
        ARMED.set(false);
        ALWAYS.set(false);
    }

    /** The blobs through a column function that fails when armed: the faults live in the data's lineage. */
    private org.apache.spark.sql.Dataset<Row> faultyFrame() {
        UDF1<Vector, Vector> passThrough = v -> {
            boolean fail = ALWAYS.get() || (TaskContext.get().attemptNumber() == 0 && ARMED.compareAndSet(true, false));
            if (fail) {
                THROWN.incrementAndGet();
                throw new IllegalStateException("a fault injected by FaultTest");
            }
            return v;
        };
        return SparkTests.frame(data, 2).withColumn("features", udf(passThrough, SQLDataTypes.VectorType()).apply(col("features")));
    }

    private Mlp4jClassifier estimator() {
        return new Mlp4jClassifier().setLayers(new int[] {5, 8, 3}).setEpochs(3).setBatchSize(32).setSeed(6); // 5 steps an epoch
    }

    /** After {@code jobs} Spark jobs, drop every cached RDD and arm {@code fault}. */
    private void afterJobs(int jobs, AtomicBoolean fault) {
        SparkContext sc = SparkTests.spark().sparkContext();
        AtomicInteger ended = new AtomicInteger();
        listener = new SparkListener() {
            @Override
            public void onJobEnd(SparkListenerJobEnd end) {
                if (ended.incrementAndGet() == jobs) {
                    fault.set(true);
                    JavaSparkContext.fromSparkContext(sc).getPersistentRDDs().values().forEach(r -> r.unpersist(false));
                }
            }
        };
        sc.addSparkListener(listener);
    }

    /** The model of a run without faults, which both tests expect (same data, same settings). */
    private static Network expected;

    private Network expected() {
        if (expected == null) expected = estimator().fit(faultyFrame()).mlp4jModel().network();
        return expected;
    }

    @Test
    void aTaskThatFailsMidTrainingIsRetriedAndTheModelIsUnchanged() {
        Network expected = expected();

        AtomicInteger failedTasks = new AtomicInteger();
        afterJobs(5, ARMED); // the load pass, then a few steps
        SparkListener failures = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) failedTasks.incrementAndGet();
            }
        };
        SparkTests.spark().sparkContext().addSparkListener(failures);
        int thrownBefore = THROWN.get();
        Network actual = estimator().fit(faultyFrame()).mlp4jModel().network();
        SparkTests.spark().sparkContext().removeSparkListener(failures);

        assertEquals(1, THROWN.get() - thrownBefore, "one injected fault");
        assertTrue(failedTasks.get() >= 1, "Spark saw the failed task");
        // Two partitions: their sums are added in either order, a + b = b + a exactly, so the models are identical.
        for (int l = 0; l < expected.layers().size(); l++) {
            assertArrayEquals(expected.layer(l).weights(), actual.layer(l).weights(), "layer " + l);
            assertArrayEquals(expected.layer(l).biases(), actual.layer(l).biases(), "layer " + l);
        }
    }

    @Test
    void aTaskThatFailsInARoundOfLocalStepsIsRetriedAndTheModelIsUnchanged() {
        // K = 2: three rounds an epoch; each task's round starts from the broadcast, so a retry recomputes its term
        Network expected = estimator().setLocalSteps(2).fit(faultyFrame()).mlp4jModel().network();
        afterJobs(3, ARMED); // the load pass, then two rounds
        int thrownBefore = THROWN.get();
        Network actual = estimator().setLocalSteps(2).fit(faultyFrame()).mlp4jModel().network();
        assertEquals(1, THROWN.get() - thrownBefore, "one injected fault");
        for (int l = 0; l < expected.layers().size(); l++) {
            assertArrayEquals(expected.layer(l).weights(), actual.layer(l).weights(), "layer " + l);
            assertArrayEquals(expected.layer(l).biases(), actual.layer(l).biases(), "layer " + l);
        }
    }

    @Test
    void aDriverThatDiesMidTrainingResumesFromItsEpochCheckpointToTheUninterruptedModel() throws Exception {
        Network expected = expected();

        String dir = tmp.resolve("checkpoints").toString();
        afterJobs(1 + 5 + 2, ALWAYS); // in the second epoch every attempt fails: the job, and the fit, die
        assertThrows(Exception.class, () -> estimator().setCheckpointDir(dir).fit(faultyFrame()));
        removeListener();
        TrainingState saved = Checkpoints.read(Checkpoints.file(Path.of(dir)));
        assertTrue(saved.epoch() >= 1 && saved.epoch() < 3, "a checkpoint from before the failure: epoch " + saved.epoch());

        // The checkpoint's run took exact steps: resuming it with local steps would silently change the recipe.
        Exception other = assertThrows(Exception.class,
                () -> estimator().setLocalSteps(2).setCheckpointDir(dir).fit(faultyFrame()));
        assertTrue(String.valueOf(other.getMessage()).contains("local-steps"), other.toString());

        Mlp4jClassificationModel resumed = estimator().setCheckpointDir(dir).fit(faultyFrame());
        assertEquals(3, resumed.history().size());
        Network actual = resumed.mlp4jModel().network();
        for (int l = 0; l < expected.layers().size(); l++) {
            assertArrayEquals(expected.layer(l).weights(), actual.layer(l).weights(), "layer " + l);
            assertArrayEquals(expected.layer(l).biases(), actual.layer(l).biases(), "layer " + l);
        }
    }
}
