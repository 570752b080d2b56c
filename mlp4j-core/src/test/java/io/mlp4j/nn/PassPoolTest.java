package io.mlp4j.nn;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The prediction buffers' pool: sets come back to whoever asks next, by size, and taking and giving allocate nothing. */
class PassPoolTest {
    private final Network net = Network.builder().input(4).dense(3, Activation.TANH).dense(2, Activation.SIGMOID)
            .loss(Loss.QUADRATIC).build();

    @Test
    void setsAreReusedBySizeAndALargerOneReplacesASmallerOneWhenFull() {
        PassPool pool = new PassPool(2);
        assertNull(pool.take(1), "empty");
        Backpropagation small = new Backpropagation(net, 4), big = new Backpropagation(net, 64);
        pool.give(small);
        assertNull(pool.take(8), "a set for 4 rows does not serve 8");
        assertSame(small, pool.take(2));
        pool.give(small);
        pool.give(new Backpropagation(net, 4));
        pool.give(big); // full: it takes a smaller set's slot
        assertSame(big, pool.take(64));
        assertEquals(4, pool.take(1).capacity());
        assertNull(pool.take(1), "one small set was dropped for the big one");
    }

    @Test
    void takingAndGivingAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean, "HotSpot only");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        PassPool pool = new PassPool(8);
        pool.give(new Backpropagation(net, 16));
        for (int i = 0; i < 50_000; i++) pool.give(pool.take(8));
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) pool.give(pool.take(8));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, "10,000 takes and gives allocated " + allocated + " bytes");
    }
}
