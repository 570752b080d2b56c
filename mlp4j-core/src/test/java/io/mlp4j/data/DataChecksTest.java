package io.mlp4j.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataChecksTest {
    private static int[] digits(int each, int... extra) {
        int[] l = new int[10 * each + extra.length];
        for (int i = 0; i < 10 * each; i++) l[i] = i % 10;
        System.arraycopy(extra, 0, l, 10 * each, extra.length);
        return l;
    }

    private static String error(int[] train, int[] test) {
        return assertThrows(InvalidDataException.class,
                () -> DataChecks.requireContiguousClasses(train, "train-labels", test, "test-labels")).getMessage();
    }

    @Test
    void oneStrayLabelDoesNotMakeAHundredEmptyClasses() throws Exception {
        assertEquals("train-labels: 11 distinct labels 0..9 and 200 (1 sample); expected contiguous classes 0..N−1 — is the "
                + "file corrupt?", error(digits(50, 200), digits(5)));
        assertEquals("train-labels: 9 distinct labels 0..4 and 6..9 (200 samples); expected contiguous classes 0..N−1 — is "
                + "the file corrupt?", error(java.util.Arrays.stream(digits(50)).filter(l -> l != 5).toArray(), null));
        assertEquals("train-labels: 10 distinct labels 1..10; expected contiguous classes 0..N−1 — is the file corrupt?",
                error(java.util.Arrays.stream(digits(5)).map(l -> l + 1).toArray(), null));
        assertEquals("test-labels: label 200 (1 sample) is not among the training labels 0..9 — is the file corrupt?",
                error(digits(50), digits(5, 200)));
        DataChecks.requireContiguousClasses(digits(50), "train-labels", new int[] {3, 3, 7}, "test-labels"); // fine
    }

    @Test
    void aClassWithAlmostNoSamplesGetsAWarning() {
        float[][] x = new float[601][1];
        int[] y = new int[601];
        for (int i = 0; i < 600; i++) y[i] = i % 3;
        y[600] = 3;
        Dataset stray = Dataset.classification(x, y, List.of("0", "1", "2", "200"), null);
        assertEquals(Optional.of("class '200' (1 sample) has fewer than 1% of the largest class's 200 samples: a stray label? "
                + "(the model gets an output for it)"), DataChecks.rareClassWarning(stray));
        Dataset balanced = Dataset.classification(new float[600][1], java.util.Arrays.copyOf(y, 600), List.of("0", "1", "2"), null);
        assertEquals(Optional.empty(), DataChecks.rareClassWarning(balanced));
    }
}
