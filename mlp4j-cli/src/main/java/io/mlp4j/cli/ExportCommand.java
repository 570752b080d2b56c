package io.mlp4j.cli;

import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mlp4j export}: a model file as an ONNX graph, for ONNX Runtime and the other runtimes that read ONNX. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a model as a standard ONNX graph (opset " + OnnxModule.OPSET + ") that computes what",
                "predict computes: the normalization, each dense layer (Gemm) and its activation,",
                "softmax/sigmoid outputs as probabilities. Input \"input\" and output \"output\" are",
                "float32 with a dynamic batch dimension N; class names are in the metadata.",
                "See docs/onnx.md."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "The ONNX file to write.")
    Path onnx;

    @Option(names = "--force", description = "Overwrite --onnx if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Outputs outputs = new Outputs(spec, force).file("--onnx", onnx);
        outputs.check();
        String missing = OnnxModule.missing("export", ExportCommand.class.getClassLoader());
        if (missing != null) throw new IOException(missing);
        Model model = modelOption.load();
        byte[] bytes = OnnxModule.export(model);
        outputs.write("--onnx", ifExists -> AtomicFiles.write(onnx, ifExists, ByteBuffer.wrap(bytes)));
        Architecture arch = model.network().architecture();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s (ONNX opset %d, %,d bytes): input \"input\" N×%d float32 → output \"output\" N×%d (%s)%n",
                onnx, OnnxModule.OPSET, bytes.length, arch.inputSize(), arch.outputSize(), outputs(model));
        out.flush();
        return Main.OK;
    }

    private static String outputs(Model model) {
        Architecture arch = model.network().architecture();
        if (!model.isClassifier()) {
            return model.targetScaling() == null ? "predicted values" : "predicted values, target scaling undone";
        }
        String scores = switch (arch.layers().get(arch.depth() - 1).activation()) {
            case SOFTMAX -> "class probabilities";
            case SIGMOID -> "per-class probabilities";
            default -> "class scores";
        };
        return scores + ", " + model.classNames().size() + " class names in its metadata";
    }
}
