package io.mlp4j.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * The kernels' fixed thread pool: {@code threads − 1} daemon workers plus the calling thread. The thread count is
 * the number of available processors unless set by {@link #setThreads} (the CLI's --threads) or the system property
 * {@code mlp4j.threads}. Work is split into contiguous ranges, one per thread, so a split never depends on timing.
 */
public final class Parallel {
    private static volatile int threads = Integer.getInteger("mlp4j.threads", Runtime.getRuntime().availableProcessors());
    private static ExecutorService pool;

    private Parallel() {
    }

    /** Threads the kernels use for large operations. */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count (1 = everything on the calling thread). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        if (n != threads && pool != null) {
            pool.shutdown();
            pool = null;
        }
        threads = n;
    }

    /** A range [from, to) of work items. */
    interface RangeTask {
        void run(int from, int to);
    }

    /** Runs {@code task} over [0, items) split into up to {@link #threads()} contiguous ranges, and waits. */
    static void forRange(int items, RangeTask task) {
        int t = Math.min(threads, items);
        if (t <= 1) {
            task.run(0, items);
            return;
        }
        ExecutorService workers = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[t - 1];
        for (int w = 1; w < t; w++) {
            int from = (int) ((long) items * w / t), to = (int) ((long) items * (w + 1) / t);
            futures[w - 1] = workers.submit(() -> task.run(from, to));
        }
        task.run(0, (int) ((long) items / t));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a kernel thread failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private static synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(Math.max(1, threads - 1), r -> {
                Thread th = new Thread(r, "mlp4j-kernel");
                th.setDaemon(true);
                return th;
            });
        }
        return pool;
    }
}
