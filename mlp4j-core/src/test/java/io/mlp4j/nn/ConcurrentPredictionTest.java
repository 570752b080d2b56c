package io.mlp4j.nn;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.Normalizer;
import io.mlp4j.model.Model;
import io.mlp4j.random.SeededRandom;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One model shared by many threads predicts exactly what it predicts on one thread. */
class ConcurrentPredictionTest {
    private static final int THREADS = 16, CALLS = 10_000, ROWS = 200;
    /** Batch calls of these (start, length): single rows, the dot-product path (&lt; 16 rows) and the GEMM path. */
    private static final int[][] SLICES = {{0, 200}, {3, 5}, {10, 17}, {40, 64}, {120, 33}, {7, 1}, {150, 50}, {60, 130}};

    @Test
    void sixteenThreadsGetTheSingleThreadedBitsFromOneModel() throws Exception {
        Network net = Network.builder().input(64).dense(96, Activation.RELU).dense(48, Activation.TANH)
                .dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(4).build();
        SeededRandom rng = new SeededRandom(8);
        float[][] xs = new float[ROWS][64];
        for (float[] row : xs) for (int k = 0; k < row.length; k++) row[k] = (float) (rng.nextGaussian() * 3 + 1);
        Model model = new Model(net, Normalizer.fit(Normalizer.Kind.STANDARD, xs), Dataset.numberedClasses(10));

        // What one thread gets, call by call.
        float[][] single = new float[ROWS][];
        for (int i = 0; i < ROWS; i++) single[i] = model.predict(xs[i]);
        float[][] normalized = model.normalizer().apply(xs);
        float[][][] batch = new float[SLICES.length][][];
        for (int s = 0; s < SLICES.length; s++) batch[s] = net.predict(slice(normalized, SLICES[s]));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int c = 0; c < CALLS; c++) {
                        int k = (c * 31 + thread * 7) % (ROWS + SLICES.length * 4);
                        if (k < ROWS) {
                            Model.Prediction p = model.classify(xs[k]);
                            if (!java.util.Arrays.equals(single[k], p.scores())) wrong++;
                        } else {
                            int s = (k - ROWS) % SLICES.length;
                            float[][] got = net.predict(slice(normalized, SLICES[s]));
                            for (int r = 0; r < got.length; r++) if (!java.util.Arrays.equals(batch[s][r], got[r])) wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            int wrong = 0;
            for (Future<Integer> f : results) wrong += f.get();
            assertEquals(0, wrong, "predictions that differ from the single-threaded ones");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictingFromAnotherThreadWhileTrainingFailsAndTheTrainingThreadMayPredict() throws Exception {
        Network net = Network.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1).build();
        float[][] x = {{0, 1, 2}, {1, 0, -1}, {2, 2, 0}, {-1, 1, 1}};
        Dataset data = Dataset.classification(x, new int[] {0, 1, 0, 1}, Dataset.numberedClasses(2), null);
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        AtomicReference<float[]> onTrainingThread = new AtomicReference<>();
        Trainer.builder().epochs(1).batchSize(2).listener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samples, double loss) {
                if (batch != 1) return;
                onTrainingThread.set(net.predict(x[0]));
                Thread other = new Thread(() -> {
                    try {
                        net.predict(x);
                    } catch (Throwable e) {
                        fromOther.set(e);
                    }
                }, "predictor");
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }).build().fit(net, data, null);
        assertNotNull(onTrainingThread.get());
        assertTrue(fromOther.get() instanceof IllegalStateException, String.valueOf(fromOther.get()));
        assertTrue(fromOther.get().getMessage().startsWith("the network is being trained by thread '"),
                fromOther.get().getMessage());

        AtomicReference<Throwable> after = new AtomicReference<>();
        Thread later = new Thread(() -> {
            try {
                assertArrayEquals(net.predict(x[1]), net.predict(new float[][] {x[1]})[0], 1e-6f);
            } catch (Throwable e) {
                after.set(e);
            }
        });
        later.start();
        later.join();
        assertNull(after.get(), "after training, other threads predict again");
    }

    private static float[][] slice(float[][] rows, int[] startAndLength) {
        return java.util.Arrays.copyOfRange(rows, startAndLength[0], startAndLength[0] + startAndLength[1]);
    }
}
