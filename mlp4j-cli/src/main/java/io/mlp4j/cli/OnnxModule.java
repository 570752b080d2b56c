package io.mlp4j.cli;

import io.mlp4j.model.Model;

/**
 * The CLI's one door to mlp4j-onnx. The CLI jar leaves protobuf out (it would triple the jar for one command), so the
 * ONNX classes are on the class path only when the launcher puts mlp4j-onnx.jar beside mlp4j.jar; this class finds
 * out which, and nothing else in the CLI names an ONNX class, so every other command runs without that jar.
 */
final class OnnxModule {
    static final String JAR = "mlp4j-onnx/target/mlp4j-onnx.jar";
    /** A compile-time constant: javac copies its value here, so reading it loads no ONNX class. */
    static final int OPSET = io.mlp4j.onnx.OnnxExport.OPSET;

    private OnnxModule() {
    }

    /**
     * Why {@code command} cannot run with the classes {@code loader} sees, in one line, or null when mlp4j-onnx and
     * protobuf-java are both there.
     */
    static String missing(String command, ClassLoader loader) {
        for (String name : new String[] {"io.mlp4j.onnx.OnnxExport", "com.google.protobuf.Message"}) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return command + " needs the ONNX module, which is not on the class path (" + name + " is missing): run"
                        + " it through the ./mlp4j launcher, which builds " + JAR + " and adds it, or start java -cp"
                        + " mlp4j.jar:mlp4j-onnx.jar io.mlp4j.cli.Main " + command;
            }
        }
        return null;
    }

    /** The serialized ONNX graph of a model; call only after {@link #missing} said the module is there. */
    static byte[] export(Model model) {
        return io.mlp4j.onnx.OnnxExport.toBytes(model);
    }
}
