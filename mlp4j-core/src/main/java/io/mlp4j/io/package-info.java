/**
 * Files: {@link io.mlp4j.io.ModelFile} saves and loads a {@link io.mlp4j.model.Model} as safetensors, readable by
 * other tools, checked on load (checksum, shapes, sizes); {@link io.mlp4j.io.Checkpoints} writes and reads a training
 * run's state, so {@link io.mlp4j.train.Trainer#resume} continues it bit for bit. The format is docs/model-format.md.
 *
 * <p>{@link io.mlp4j.io.SafeTensors} (the container) and {@link io.mlp4j.io.AtomicFiles} (write, flush, rename) are
 * public because the command-line tool uses them; they are building blocks of the two above rather than the
 * library's API, and may change. This package is the top layer: the training loop never depends on files.
 */
package io.mlp4j.io;
