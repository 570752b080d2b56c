/**
 * mlp4j: feedforward neural networks (multilayer perceptrons) in pure Java: build a {@link io.mlp4j.nn.Network},
 * train it with a {@link io.mlp4j.train.Trainer}, read data with {@link io.mlp4j.data.CsvReader} or
 * {@link io.mlp4j.data.IdxReader}, measure it with {@link io.mlp4j.eval.Evaluation} and save it with
 * {@link io.mlp4j.io.ModelFile}.
 *
 * <p>The exported packages are the API. {@code io.mlp4j.kernel} (the hot loops, the thread team, the Vector API
 * kernel) and {@code io.mlp4j.internal} (the safetensors container, atomic writes) are internal: on the module path
 * they cannot be reached; the library chooses its kernel itself. The Vector API is optional ({@code requires
 * static}): start the JVM with {@code --add-modules jdk.incubator.vector} for the fast kernel; without it mlp4j logs
 * one warning and runs its scalar kernel, whose results agree with the fast kernel's to float rounding.
 *
 * <p>The library works the same on the class path, where the module declaration is ignored.
 */
module io.mlp4j {
    requires de.siegmar.fastcsv;
    requires com.google.gson;
    requires static jdk.incubator.vector;

    exports io.mlp4j.data;
    exports io.mlp4j.eval;
    exports io.mlp4j.explain;
    exports io.mlp4j.gradcheck;
    exports io.mlp4j.io;
    exports io.mlp4j.model;
    exports io.mlp4j.nn;
    exports io.mlp4j.random;
    exports io.mlp4j.reference;
    exports io.mlp4j.train;
}
