package io.mlp4j.eval;

import io.mlp4j.data.Dataset;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics against counts worked out by hand, using an identity network so the outputs are the inputs. */
class EvaluationTest {

    static Network identity(int n, Loss loss) {
        Network net = Network.builder().input(n).dense(n, Activation.IDENTITY).loss(loss).build();
        float[] w = new float[n * n];
        for (int i = 0; i < n; i++) w[i * n + i] = 1;
        net.layer(0).setParameters(w, new float[n]);
        return net;
    }

    @Test
    void confusionMatrixAndPerClassScores() {
        // scores (the inputs) pick classes: predicted = 0,0,1,2,2,2 for actual 0,1,1,2,2,0
        float[][] x = {{9, 0, 0}, {9, 0, 0}, {0, 9, 0}, {0, 0, 9}, {0, 0, 9}, {0, 0, 9}};
        int[] y = {0, 1, 1, 2, 2, 0};
        Evaluation e = Evaluation.of(identity(3, Loss.MSE), Dataset.classification(x, y, List.of("a", "b", "c"), null));
        assertArrayEquals(new long[][] {{1, 0, 1}, {1, 1, 0}, {0, 0, 2}}, e.confusion());
        assertEquals(4.0 / 6, e.accuracy(), 1e-15);
        assertEquals(0.5, e.precision(0), 1e-15);       // predicted a: 2, correct 1
        assertEquals(0.5, e.recall(0), 1e-15);          // actual a: 2, found 1
        assertEquals(1.0, e.precision(1), 1e-15);
        assertEquals(0.5, e.recall(1), 1e-15);
        assertEquals(2.0 / 3, e.f1(1), 1e-15);          // 2·1·0.5/1.5
        assertEquals(2.0 / 3, e.precision(2), 1e-15);
        assertEquals(1.0, e.recall(2), 1e-15);
        assertEquals((0.5 + 1 + 2.0 / 3) / 3, e.macroPrecision(), 1e-15);
        assertEquals((0.5 + 0.5 + 1) / 3, e.macroRecall(), 1e-15);
        assertEquals((0.5 + 2.0 / 3 + 0.8) / 3, e.macroF1(), 1e-15);
        // MSE cost of row 0 against one-hot (1,0,0): ((9−1)² + 0 + 0)/3
        assertEquals(64.0 / 3, Evaluation.of(identity(3, Loss.MSE),
                Dataset.classification(new float[][] {x[0]}, new int[] {0}, List.of("a", "b", "c"), null)).loss(), 1e-4);
        String report = e.report();
        assertTrue(report.contains("accuracy 0.6667"), report);
        assertTrue(report.contains("macro"), report);
    }

    @Test
    void regressionMetrics() {
        float[][] x = {{1}, {2}, {4}};
        float[][] y = {{1}, {3}, {2}};
        Evaluation e = Evaluation.of(identity(1, Loss.MSE), Dataset.regression(x, y, null));
        assertEquals((0 + 1 + 4) / 3.0, e.mse(), 1e-12);
        assertEquals((0 + 1 + 2) / 3.0, e.mae(), 1e-12);
        // mean y = 2: SS_tot = 1 + 1 + 0 = 2, SS_res = 5, R² = 1 − 5/2
        assertEquals(-1.5, e.r2(), 1e-12);
    }
}
