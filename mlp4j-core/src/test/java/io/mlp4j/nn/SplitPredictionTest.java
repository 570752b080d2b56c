package io.mlp4j.nn;

import io.mlp4j.kernel.Parallel;
import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A large batch is predicted in one part of its rows per kernel thread ({@link Network#predict(float[][])}). The
 * reference is the same call on one thread, which never splits: the bits must match row for row, wherever the cut
 * falls, and a bad row must be named as the one-thread call names it.
 */
class SplitPredictionTest {
    private static final int ROWS = 1001; // three threads cut it at rows 333 and 667

    private final Network net = Network.builder().input(40).dense(70, Activation.RELU).dense(30, Activation.TANH)
            .dense(5, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(6).build();
    private final float[][] xs = rows(ROWS, 40);
    private int threadsBefore;

    @BeforeEach
    void remember() {
        threadsBefore = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(threadsBefore);
    }

    @Test
    void eachThreadCountGivesTheOneThreadBits() {
        Parallel.setThreads(1);
        float[][] one = net.predict(xs);
        for (int threads : new int[] {2, 3}) {
            Parallel.setThreads(threads);
            float[][] split = net.predict(xs);
            for (int r = 0; r < ROWS; r++) assertArrayEquals(one[r], split[r], threads + " threads, row " + r);
        }
    }

    @Test
    void aBadRowIsNamedWhicheverPartHasIt() {
        Parallel.setThreads(1);
        float[][] one = net.predict(xs);
        Parallel.setThreads(2);
        float[][] bad = xs.clone();
        bad[900] = xs[900].clone();
        bad[900][7] = Float.NaN; // in the second part only
        assertEquals("input row 900, column 7 is NaN (values must be finite)", error(bad));
        bad[20] = xs[20].clone();
        bad[20][3] = Float.POSITIVE_INFINITY; // and one in the first part: the first bad row is the one named
        for (int call = 0; call < 20; call++) { // whichever part finishes first
            assertEquals("input row 20, column 3 is Infinity (values must be finite)", error(bad));
        }
        float[][] after = net.predict(xs);
        for (int r = 0; r < ROWS; r++) assertArrayEquals(one[r], after[r], "after the errors, row " + r);
    }

    private String error(float[][] rows) {
        return assertThrows(IllegalArgumentException.class, () -> net.predict(rows)).getMessage();
    }

    private static float[][] rows(int n, int width) {
        SeededRandom rng = new SeededRandom(9);
        float[][] v = new float[n][width];
        for (float[] row : v) for (int k = 0; k < width; k++) row[k] = (float) rng.nextGaussian();
        return v;
    }
}
