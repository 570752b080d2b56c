package io.mlp4j.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizerAndSplitsTest {

    @Test
    void minMaxAndStandardizationByHand() {
        float[][] train = {{0, 10, 5}, {2, 20, 5}, {4, 30, 5}};
        Normalizer mm = Normalizer.fit(Normalizer.Kind.MIN_MAX, train);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0f}, mm.apply(new float[] {2, 20, 5}), 1e-7f); // constant column → 0
        assertArrayEquals(new float[] {2f, -0.25f, 1f}, mm.apply(new float[] {8, 5, 6}), 1e-7f);  // (8−0)/4, (5−10)/20, (6−5)/1
        Normalizer st = Normalizer.fit(Normalizer.Kind.STANDARD, train);
        // column 0: mean 2, population std √(8/3)
        assertEquals((4 - 2) / Math.sqrt(8.0 / 3), st.apply(new float[] {4, 20, 5})[0], 1e-6);
        assertArrayEquals(new float[] {2, 20, 5}, st.shift());
    }

    @Test
    void stratifiedHoldoutKeepsTheClassBalance() {
        int n = 1000;
        float[][] x = new float[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            y[i] = i < 800 ? 0 : 1; // 80% / 20%
        }
        Dataset d = Dataset.classification(x, y, Dataset.numberedClasses(2), null);
        Splits.Split s = Splits.holdout(d, 0.1, 7);
        assertEquals(900, s.train().size());
        assertEquals(100, s.holdout().size());
        assertArrayEquals(new int[] {80, 20}, s.holdout().classCounts());
        assertArrayEquals(new int[] {720, 180}, s.train().classCounts());
        float[] all = new float[n];
        int k = 0;
        for (float[] r : s.train().features()) all[k++] = r[0];
        for (float[] r : s.holdout().features()) all[k++] = r[0];
        Arrays.sort(all);
        for (int i = 0; i < n; i++) assertEquals(i, all[i], "every sample in exactly one part");
        Splits.Split again = Splits.holdout(d, 0.1, 7);
        assertArrayEquals(s.holdout().features()[0], again.holdout().features()[0], "seeded: same split");
    }

    @Test
    void seededShuffleIsAReproduciblePermutation() {
        float[][] x = new float[50][1];
        for (int i = 0; i < 50; i++) x[i][0] = i;
        Dataset d = Dataset.regression(x, x, null);
        Dataset a = Splits.shuffle(d, 3), b = Splits.shuffle(d, 3), c = Splits.shuffle(d, 4);
        float[] seen = new float[50];
        boolean moved = false, differs = false;
        for (int i = 0; i < 50; i++) {
            seen[i] = a.features()[i][0];
            assertEquals(a.features()[i][0], a.targets()[i][0], "rows keep their targets");
            assertEquals(a.features()[i][0], b.features()[i][0], "same seed, same order");
            moved |= a.features()[i][0] != i;
            differs |= a.features()[i][0] != c.features()[i][0];
        }
        Arrays.sort(seen);
        for (int i = 0; i < 50; i++) assertEquals(i, seen[i]);
        assertTrue(moved && differs);
    }

    @Test
    void unscaledWarningNamesTheColumn() {
        Dataset d = Dataset.regression(new float[][] {{0.5f, 255f}}, new float[][] {{1}}, java.util.List.of("a", "pixel"));
        String w = DataChecks.unscaledWarning(d).orElseThrow();
        assertTrue(w.startsWith("features look unscaled: |values| reach 255.0 in column 1 ('pixel')"), w);
        assertTrue(DataChecks.unscaledWarning(Dataset.regression(new float[][] {{0.5f, -9f}}, new float[][] {{1}}, null)).isEmpty());
    }
}
