package io.mlp4j.train;

import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AugmentationTest {
    @Test
    void aShiftAsLargeAsTheImageIsRefused() {
        // shift:100 on 28×28 digits trained on blank images
        assertEquals("a shift of up to 28 pixels can move 28×28 images out of the frame; it must be smaller than the images "
                + "(at most 27)", assertThrows(IllegalArgumentException.class, () -> Augmentation.imageShift(28, 28, 28)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.imageShift(4, 20, 4));
        Augmentation.imageShift(28, 28, 27);
    }

    @Test
    void aShiftMovesThePixelsAndFillsWithZero() {
        // a 3×3 image with one lit pixel in the centre: any shift of at most 1 keeps it in the frame
        float[] image = {0, 0, 0, 0, 1, 0, 0, 0, 0};
        SeededRandom rng = new SeededRandom(4);
        for (int i = 0; i < 20; i++) {
            float[] x = image.clone();
            Augmentation.imageShift(3, 3, 1).apply(x, 1, 9, rng);
            float sum = 0;
            for (float v : x) sum += v;
            assertEquals(1, sum);
        }
        float[] none = image.clone();
        Augmentation.imageShift(3, 3, 0).apply(none, 1, 9, rng);
        assertArrayEquals(image, none);
    }
}
