/**
 * Files: {@link io.mlp4j.io.ModelFile} saves and loads a {@link io.mlp4j.model.Model} as safetensors, readable by
 * other tools, checked on load (checksum, shapes, sizes); {@link io.mlp4j.io.Checkpoints} writes and reads a training
 * run's state, so {@link io.mlp4j.train.Trainer#resume} continues it bit for bit. The format is docs/model-format.md.
 *
 * <p>The container (safetensors) and the atomic writes behind them live in {@code io.mlp4j.internal}, which the
 * module does not export. This package is the top layer: the training loop never depends on files.
 */
package io.mlp4j.io;
