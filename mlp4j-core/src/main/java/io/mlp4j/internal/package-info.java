/**
 * Building blocks that are not mlp4j's API and may change: the safetensors container ({@link
 * io.mlp4j.internal.SafeTensors}, read with size limits and a checksum) and atomic writes ({@link
 * io.mlp4j.internal.AtomicFiles}: a temporary file, flushed, then renamed, never over an existing file unless asked).
 * The model and checkpoint files of {@code io.mlp4j.io} are made of them, and the command-line tool uses them on the
 * class path; the module {@code io.mlp4j} does not export this package.
 */
package io.mlp4j.internal;
