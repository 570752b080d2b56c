package io.mlp4j.random;

/**
 * A small seeded random generator (SplitMix64) whose whole state is one {@code long}.
 *
 * <p>Why not {@link java.util.Random} or {@link java.util.SplittableRandom}: training checkpoints must save and
 * restore the generator's exact state, which those classes do not expose, and the Gaussian algorithm of the
 * newer generators is not specified, so a seed could give other weights on another JDK. Here both the
 * stream (Steele, Lea, Flood: "Fast splittable pseudorandom number generators", 2014) and the Gaussian
 * (Box–Muller) are fixed, so a seed gives the same network on every JDK.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The complete state: {@code new SeededRandom(r.state())} continues exactly where {@code r} is. */
    public long state() {
        return state;
    }

    /** Continues from a state {@link #state()} returned. */
    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound), without modulo bias (Lemire's rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Standard normal N(0, 1) by Box–Muller (one draw per call; the second value is discarded to keep state one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log(u1) is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Fisher–Yates shuffle of {@code order} in place. */
    public void shuffle(int[] order) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
