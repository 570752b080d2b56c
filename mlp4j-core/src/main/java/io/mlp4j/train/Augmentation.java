package io.mlp4j.train;

import io.mlp4j.random.SeededRandom;

/**
 * Changes each training batch's inputs at random before the forward pass, so the network sees new variants of the
 * same samples every epoch (the data set itself is never modified). Draws come from the trainer's seeded generator,
 * so runs stay reproducible and resumable.
 */
public interface Augmentation {

    /** Transforms {@code rows} inputs of {@code width} values each, stored row-major in {@code inputs}, in place. */
    void apply(float[] inputs, int rows, int width, SeededRandom rng);

    /** A short description for logs and checkpoint fingerprints. */
    String describe();

    /**
     * Shifts each image by a random whole number of pixels, −max..max in each direction, filling with 0: the classic
     * augmentation for digits (a digit moved by a pixel or two is the same digit).
     */
    static Augmentation imageShift(int height, int width, int max) {
        return new ImageShift(height, width, max);
    }

    /** @see #imageShift */
    final class ImageShift implements Augmentation {
        private final int height, width, max;
        private final float[] scratch;

        ImageShift(int height, int width, int max) {
            if (height < 1 || width < 1 || max < 0) {
                throw new IllegalArgumentException("image shift needs a positive image size and a shift of 0 or more");
            }
            if (max >= Math.min(height, width)) { // the image would leave the frame: training on blank inputs
                throw new IllegalArgumentException("a shift of up to " + max + " pixels can move " + height + "×" + width
                        + " images out of the frame; it must be smaller than the images (at most " + (Math.min(height, width) - 1) + ")");
            }
            this.height = height;
            this.width = width;
            this.max = max;
            this.scratch = new float[height * width];
        }

        @Override
        public void apply(float[] inputs, int rows, int rowWidth, SeededRandom rng) {
            if (rowWidth != height * width) {
                throw new IllegalArgumentException("image shift expects " + height + "×" + width + " = " + height * width
                        + " inputs per sample, got " + rowWidth);
            }
            for (int r = 0; r < rows; r++) {
                int dy = rng.nextInt(2 * max + 1) - max, dx = rng.nextInt(2 * max + 1) - max;
                if (dx == 0 && dy == 0) continue;
                int o = r * rowWidth;
                System.arraycopy(inputs, o, scratch, 0, rowWidth);
                for (int y = 0; y < height; y++) {
                    int sy = y - dy;
                    for (int x = 0; x < width; x++) {
                        int sx = x - dx;
                        inputs[o + y * width + x] = sy >= 0 && sy < height && sx >= 0 && sx < width ? scratch[sy * width + sx] : 0f;
                    }
                }
            }
        }

        @Override
        public String describe() {
            return "shift" + max + "@" + height + "x" + width;
        }
    }
}
