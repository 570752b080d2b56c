package io.mlp4j.nn;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Prediction buffers for callers on many threads: a few slots, each taken and returned by compare-and-set, so there
 * is no lock and nothing is allocated per call (a concurrent deque allocated a node on every return). A caller that
 * finds no free set of the size it needs makes one; returned, it takes a free slot or a smaller set's.
 */
final class PassPool {
    private final AtomicReferenceArray<Backpropagation> slots;

    PassPool(int size) {
        slots = new AtomicReferenceArray<>(size);
    }

    /** A set for batches of at least {@code capacity} rows, taken out of the pool, or null when none is free. */
    Backpropagation take(int capacity) {
        for (int i = 0; i < slots.length(); i++) {
            Backpropagation p = slots.get(i);
            if (p != null && p.capacity() >= capacity && slots.compareAndSet(i, p, null)) return p;
        }
        return null;
    }

    /** Puts a set back for the next caller: into a free slot, else in place of a smaller set. */
    void give(Backpropagation pass) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, pass)) return;
        }
        for (int i = 0; i < slots.length(); i++) {
            Backpropagation p = slots.get(i);
            if (p != null && p.capacity() < pass.capacity() && slots.compareAndSet(i, p, pass)) return;
        }
    }
}
