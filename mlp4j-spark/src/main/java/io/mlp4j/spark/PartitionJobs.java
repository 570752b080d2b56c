package io.mlp4j.spark;

import org.apache.spark.api.java.function.Function2;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;

/**
 * One Spark job of a training run: every partition's rows handed to a {@link PartitionWorker} from the executor's
 * pool, and the partitions' results summed by {@code treeAggregate} on the way to the driver. What both training
 * modes share: a step's gradient (exact) and a round of local steps (averaging).
 */
final class PartitionJobs {
    private PartitionJobs() {
    }

    /** What a task computes from its partition's rows with a worker; its result is one term of the sum. */
    interface Work<T> extends Serializable {
        T run(PartitionWorker w, RowBlock block, int offset) throws Exception;
    }

    /**
     * ∑ over partitions of {@code work}'s result, merged with {@code merge} from {@code zero}, which must be its
     * identity. {@code capacity}: the most rows a task backpropagates at once.
     */
    static <T extends Serializable> T sum(TrainingRows rows, String run, NetworkSpec spec, int capacity, int depth,
                                          T zero, Work<T> work, Function2<T, T, T> merge) {
        int[] offsets = rows.offsets;
        return rows.blocks.mapPartitionsWithIndex((p, blocks) -> {
            PartitionWorker w = PartitionWorker.take(run, spec, capacity);
            // Not zero itself: the task's closure and treeAggregate's fold share one deserialized copy of it
            T partial = null;
            while (blocks.hasNext()) {
                T result = work.run(w, blocks.next(), offsets[p]);
                partial = partial == null ? result : merge.call(partial, result);
            }
            PartitionWorker.giveBack(run, w);
            return partial == null ? Collections.emptyIterator() : List.of(partial).iterator();
        }, true).treeAggregate(zero, merge, merge, depth);
    }
}
