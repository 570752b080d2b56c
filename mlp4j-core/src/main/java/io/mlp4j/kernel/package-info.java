/**
 * Internal (not exported by the module io.mlp4j): the hot loops of training and inference behind one small
 * interface, {@link io.mlp4j.kernel.Kernel} (GEMM in the three forms backpropagation needs, bias add, activations and
 * their derivatives, softmax, axpy, the Adam update). {@link io.mlp4j.kernel.ScalarKernel} is the portable reference;
 * the Vector API kernel must agree with it. {@link io.mlp4j.kernel.Kernels} chooses one per JVM: the Vector API
 * kernel when the JVM runs with {@code --add-modules jdk.incubator.vector}, otherwise the scalar kernel with one
 * warning log line. {@link io.mlp4j.kernel.Parallel} is the kernels' thread team (system property
 * {@code mlp4j.threads}); results are bit-identical for any thread count.
 */
package io.mlp4j.kernel;
