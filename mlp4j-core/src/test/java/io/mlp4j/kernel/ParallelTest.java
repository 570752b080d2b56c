package io.mlp4j.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-over between the calling thread and the kernel team: coverage, failures, concurrent callers. */
class ParallelTest {
    private final int before = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    @Test
    void everyItemIsRunExactlyOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            for (int items : new int[] {1, 2, 3, 7, 100}) {
                int[] runs = new int[items];
                for (int rep = 0; rep < 50; rep++) { // many hand-overs: spinning and parked workers both
                    Parallel.forRange(items, (from, to) -> {
                        for (int i = from; i < to; i++) runs[i]++;
                    });
                }
                for (int i = 0; i < items; i++) assertEquals(50, runs[i], threads + " threads, " + items + " items, item " + i);
            }
        }
    }

    @Test
    void aFailureInAnyPartReachesTheCaller() {
        Parallel.setThreads(2);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> Parallel.forRange(10, (from, to) -> {
            if (from <= 7 && 7 < to) throw new ArithmeticException("boom at item 7"); // one part fails, on any thread
        }));
        assertEquals("boom at item 7", e.getMessage());
        int[] runs = new int[10]; // and the team still works afterwards
        Parallel.forRange(10, (from, to) -> {
            for (int i = from; i < to; i++) runs[i]++;
        });
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, runs);
    }

    @Test
    void concurrentCallersEachGetTheirWholeRange() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger total = new AtomicInteger();
        Runnable caller = () -> {
            for (int rep = 0; rep < 2000; rep++) Parallel.forRange(8, (from, to) -> total.addAndGet(to - from));
        };
        Thread other = new Thread(caller);
        other.start();
        caller.run();
        other.join();
        assertEquals(2 * 2000 * 8, total.get());
    }

    @Test
    void aNestedCallRunsOnTheCallingThread() {
        Parallel.setThreads(2);
        int[] inner = new int[4];
        Parallel.forRange(2, (from, to) -> Parallel.forRange(4, (f, t) -> {
            synchronized (inner) {
                for (int i = f; i < t; i++) inner[i]++;
            }
        }));
        assertArrayEquals(new int[] {2, 2, 2, 2}, inner);
    }
}
