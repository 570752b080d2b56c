package io.mlp4j.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The kernels' fixed team of threads: {@code threads − 1} daemon workers plus the calling thread. The thread count is
 * the number of available processors unless set by {@link #setThreads} (the CLI's --threads) or the system property
 * {@code mlp4j.threads}. Work is split into contiguous ranges, one per thread, so a split never depends on timing.
 *
 * <p>Workers spin for a short while after each task before they park, and the hand-over allocates nothing: a
 * training step issues a dozen parallel products a few hundred microseconds apart, and waking a parked thread
 * through an executor and a future cost tens of microseconds each time. The parts are claimed, by the workers and
 * by the caller, so a worker the OS has not scheduled never holds the caller up (before, a single-sample
 * prediction's 99th percentile was 250–570 µs against a median of 18 µs). While one caller uses the team, another
 * thread's call runs on that thread alone (same results, since they never depend on the split).
 */
public final class Parallel {
    private static final String PROPERTY_PROBLEM = threadsProblem(System.getProperty("mlp4j.threads"));
    private static volatile int threads = PROPERTY_PROBLEM != null ? 1
            : threadsSetting(System.getProperty("mlp4j.threads"), Runtime.getRuntime().availableProcessors());
    private static Team team;
    private static final int PARTS_PER_THREAD = 4;

    private Parallel() {
    }

    /** The thread count the property {@code mlp4j.threads} asks for, or {@code processors} when it is unset. */
    static int threadsSetting(String property, int processors) {
        return property == null ? processors : Integer.parseInt(property.trim());
    }

    /** Why {@code -Dmlp4j.threads=value} cannot be used (one sentence), or null when it can (or is unset). */
    static String threadsProblem(String value) {
        if (value == null) return null;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return null;
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        return "-Dmlp4j.threads=" + value + " is not a thread count: give a whole number of at least 1, or leave it "
                + "unset for one thread per processor";
    }

    /** The problem with this JVM's {@code mlp4j.threads}, or null; {@link Kernels#best()} reports it. */
    static String propertyProblem() {
        return PROPERTY_PROBLEM;
    }

    /** Threads the kernels use for large operations. */
    public static int threads() {
        return threads;
    }

    /** Sets the thread count (1 = everything on the calling thread). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        if (n != threads && team != null) {
            team.stop();
            team = null;
        }
        threads = n;
    }

    /**
     * Runs {@code task} once for each of {@code parts} contiguous ranges of [0, items), each range on one thread, and
     * waits for all of them. Kernel calls made inside a range run on that range's thread (the team is taken), so the
     * ranges must be large enough to keep a core busy on their own. When ranges fail, the lowest one's exception is
     * thrown (the one a loop over the ranges in order would have met first), whatever the timing.
     */
    public static void forEachPart(int items, int parts, RangeTask task) {
        RuntimeException[] failures = new RuntimeException[parts];
        forRange(parts, (from, to) -> {
            for (int part = from; part < to; part++) {
                try {
                    task.run(split(items, part, parts), split(items, part + 1, parts));
                } catch (RuntimeException e) {
                    failures[part] = e;
                }
            }
        });
        for (RuntimeException e : failures) {
            if (e != null) throw e;
        }
    }

    /** A range [from, to) of work items. */
    public interface RangeTask {
        void run(int from, int to);
    }

    /** Runs {@code task} over [0, items) in contiguous ranges (up to four per thread), and waits for all of them. */
    static void forRange(int items, RangeTask task) {
        int t0 = threads;
        if (t0 <= 1 || items <= 1) {
            task.run(0, items);
            return;
        }
        // More parts than threads, claimed as threads come free: a thread that starts late (woken from its park, or
        // preempted) then takes fewer parts instead of keeping the others waiting. The parts depend only on the
        // item count and the thread count, never on timing.
        int parts = Math.min(items, PARTS_PER_THREAD * t0);
        Team t = team(t0);
        if (t == null || !t.busy.compareAndSet(false, true)) { // in use by another caller, or a nested call
            task.run(0, items);
            return;
        }
        try {
            t.run(items, parts, task);
        } finally {
            t.busy.set(false);
        }
    }

    private static synchronized Team team(int threadCount) {
        if (team == null) team = new Team(threads - 1);
        return team.workers.length >= threadCount - 1 ? team : null;
    }

    /** Start index of part {@code part} of {@code parts} over [0, items). */
    static int split(int items, int part, int parts) {
        return (int) ((long) items * part / parts);
    }

    private static final class Team {
        /** How long a worker spins for the next task before it parks. */
        private static final long SPIN_NANOS = 200_000;

        final AtomicBoolean busy = new AtomicBoolean();
        final Thread[] workers;
        /** generation (32 bits) | parts (16) | next unclaimed part (16): parts are claimed, not assigned. */
        private final AtomicLong claims = new AtomicLong();
        private final AtomicInteger done = new AtomicInteger();
        private final boolean[] parked;
        // Written by the caller before the generation is bumped; the volatile write publishes them.
        private RangeTask task;
        private int items;
        private volatile Throwable failure;
        private volatile long generation;
        private volatile boolean stopped;

        Team(int size) {
            workers = new Thread[size];
            parked = new boolean[size];
            for (int w = 0; w < size; w++) {
                int index = w;
                workers[w] = new Thread(() -> work(index), "mlp4j-kernel-" + (w + 1));
                workers[w].setDaemon(true);
                workers[w].start();
            }
        }

        /**
         * The caller claims parts too, so it never waits for a worker that has not started (one the OS has not
         * scheduled yet): it only waits for parts already running. Part p always covers the same range, whoever
         * runs it, so results do not depend on timing.
         */
        void run(int items, int parts, RangeTask task) {
            this.task = task;
            this.items = items;
            failure = null;
            done.set(0);
            long g = generation + 1; // single writer: only the caller holding `busy` gets here
            claims.set(g << 32 | (long) parts << 16);
            generation = g;
            for (int w = 0; w < workers.length; w++) {
                if (isParked(w)) LockSupport.unpark(workers[w]);
            }
            runClaimed(g);
            for (int spins = 0; done.get() != parts; spins++) {
                if (spins < 10_000) Thread.onSpinWait();
                else Thread.yield();
            }
            this.task = null;
            Throwable f = failure;
            if (f instanceof RuntimeException e) throw e;
            if (f instanceof Error e) throw e;
            if (f != null) throw new IllegalStateException("a kernel thread failed: " + f, f);
        }

        /** Claims and runs parts of generation {@code g} until none is left. */
        private void runClaimed(long g) {
            while (true) {
                long c = claims.get();
                int parts = (int) (c >>> 16 & 0xFFFF), next = (int) (c & 0xFFFF);
                if (c >>> 32 != g || next >= parts) return;
                if (!claims.compareAndSet(c, c + 1)) continue;
                try {
                    task.run(split(items, next, parts), split(items, next + 1, parts));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        private void work(int index) {
            long seen = 0;
            while (true) {
                long g = awaitNext(index, seen);
                if (stopped) return;
                seen = g;
                runClaimed(g);
            }
        }

        /** Spins, then parks, until the generation moves past {@code seen} (or the team stops). */
        private long awaitNext(int index, long seen) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            long g;
            for (int spins = 1; (g = generation) == seen && !stopped; spins++) {
                if (System.nanoTime() < spinUntil) {
                    // Yielding now and then lets the JIT and the collector run here rather than on the caller's core.
                    if ((spins & 1023) == 0) Thread.yield();
                    else Thread.onSpinWait();
                    continue;
                }
                setParked(index, true);
                if (generation == seen && !stopped) LockSupport.park(this);
                setParked(index, false);
            }
            return g;
        }

        // A worker announces it will park, then checks the generation once more; the caller bumps the generation, then
        // checks the flag. With volatile accesses on both sides one of them always sees the other: no lost wake-up.
        private static final java.lang.invoke.VarHandle PARKED =
                java.lang.invoke.MethodHandles.arrayElementVarHandle(boolean[].class);

        private boolean isParked(int w) {
            return (boolean) PARKED.getVolatile(parked, w);
        }

        private void setParked(int w, boolean value) {
            PARKED.setVolatile(parked, w, value);
        }

        void stop() {
            stopped = true;
            for (Thread w : workers) LockSupport.unpark(w);
        }
    }
}
