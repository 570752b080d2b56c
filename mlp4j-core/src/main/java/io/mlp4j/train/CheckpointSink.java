package io.mlp4j.train;

import java.io.IOException;

/**
 * Where the trainer hands its state when a checkpoint is due. {@code io.mlp4j.io.Checkpoints.in(dir)} writes it as a
 * file; a caller can keep it elsewhere. The trainer does not know about files, so the training loop and the file
 * formats do not depend on each other.
 */
@FunctionalInterface
public interface CheckpointSink {
    void save(TrainingState state) throws IOException;
}
