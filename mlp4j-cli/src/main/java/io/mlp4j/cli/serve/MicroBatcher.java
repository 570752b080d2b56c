package io.mlp4j.cli.serve;

import io.mlp4j.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Predicts the rows of requests that arrive together in one pass through the network, without a timer and without a
 * thread of its own ("group commit"): a request thread that finds no pass running runs one itself, over every request
 * queued by then (up to {@code maxRows} rows), and hands each its result; the threads whose requests joined wait
 * meanwhile. An idle server therefore predicts each request at once, alone; a busy one in batches that read the
 * weights once for many rows (a single row's pass is bound by reading the W2 network's 940 KB of weights).
 *
 * <p>A pass that fails (a row whose outputs overflow) is retried request by request, so only the request at fault
 * gets the error.
 */
final class MicroBatcher {
    private final Model model;
    private final int maxRows;
    private final IntConsumer passes;
    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /** {@code passes} is told the row count of every pass (for the metrics). */
    MicroBatcher(Model model, int maxRows, IntConsumer passes) {
        this.model = model;
        this.maxRows = maxRows;
        this.passes = passes;
    }

    private static final class Job {
        final float[][] rows;
        final Thread waiter = Thread.currentThread();
        float[][] result; // written before done is set, read after it is seen
        RuntimeException error;
        volatile boolean done;

        Job(float[][] rows) {
            this.rows = rows;
        }
    }

    /** The model's outputs for {@code rows}, predicted with whatever other requests are waiting. */
    float[][] predict(float[][] rows) {
        Job job = new Job(rows);
        queue.add(job);
        while (!job.done) {
            if (running.compareAndSet(false, true)) {
                try {
                    runPass();
                } finally {
                    running.set(false);
                }
                // A request queued while this pass ran found it running and waits: wake one to run the next pass.
                Job next = queue.peek();
                if (next != null) LockSupport.unpark(next.waiter);
            } else {
                LockSupport.park(this);
            }
        }
        if (job.error != null) throw job.error;
        return job.result;
    }

    private void runPass() {
        List<Job> jobs = new ArrayList<>();
        int n = 0;
        for (Job j = queue.peek(); j != null && (jobs.isEmpty() || n + j.rows.length <= maxRows); j = queue.peek()) {
            jobs.add(queue.poll());
            n += j.rows.length;
        }
        try {
            runPass(jobs, n);
        } catch (Error e) { // out of memory: no waiting request may be left parked forever
            for (Job j : jobs) if (!j.done) finish(j, null, new IllegalStateException("the prediction failed: " + e, e));
            throw e;
        }
    }

    private void runPass(List<Job> jobs, int n) {
        if (jobs.size() == 1) {
            run(jobs.get(0));
        } else {
            float[][] all = new float[n][];
            int at = 0;
            for (Job j : jobs) {
                System.arraycopy(j.rows, 0, all, at, j.rows.length);
                at += j.rows.length;
            }
            try {
                float[][] out = model.predict(all);
                passes.accept(n);
                at = 0;
                for (Job j : jobs) {
                    float[][] result = new float[j.rows.length][];
                    System.arraycopy(out, at, result, 0, result.length);
                    at += result.length;
                    finish(j, result, null);
                }
            } catch (RuntimeException e) { // one request's rows failed the pass: only that request gets the error
                for (Job j : jobs) run(j);
            }
        }
    }

    private void run(Job j) {
        try {
            float[][] out = model.predict(j.rows);
            passes.accept(j.rows.length);
            finish(j, out, null);
        } catch (RuntimeException e) {
            finish(j, null, e);
        }
    }

    private static void finish(Job j, float[][] result, RuntimeException error) {
        j.result = result;
        j.error = error;
        j.done = true;
        LockSupport.unpark(j.waiter);
    }
}
