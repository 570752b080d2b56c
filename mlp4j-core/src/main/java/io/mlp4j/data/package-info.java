/**
 * Data: {@link io.mlp4j.data.Dataset} (feature rows and target rows; one-hot targets for classification), the readers
 * {@link io.mlp4j.data.CsvReader} and {@link io.mlp4j.data.IdxReader} (MNIST's format), min-max or standard scaling
 * ({@link io.mlp4j.data.Normalizer}, fitted on training data only) and seeded, stratified splits
 * ({@link io.mlp4j.data.Splits}).
 *
 * <p>A malformed file fails with an {@link io.mlp4j.data.InvalidDataException} (an {@link java.io.IOException}) whose
 * one-line message names the file, the line or offset, and the column.
 */
package io.mlp4j.data;
