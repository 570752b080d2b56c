package io.mlp4j.onnx;

import com.google.gson.Gson;
import io.mlp4j.data.Normalizer;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Network;
import io.mlp4j.onnx.proto.Onnx.ModelProto;
import io.mlp4j.onnx.proto.Onnx.OperatorSetIdProto;
import io.mlp4j.onnx.proto.Onnx.StringStringEntryProto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An mlp4j {@link Model} as a standard ONNX graph that computes what {@link Model#predict} returns, from the same raw
 * features: the stored normalization {@code (x − shift) / scale} (Sub, Div), per layer {@code z = a·Wᵀ + b} (Gemm
 * with transB = 1, since mlp4j stores W out×in as PyTorch's nn.Linear does) and its activation, and for a regression
 * model trained on scaled targets the scaling undone ({@code y·scale + shift}: Mul, Add). A softmax output layer is
 * exported as Softmax, so the graph's output is probabilities even though training fuses softmax into the
 * cross-entropy cost. The layout is documented in docs/onnx.md.
 *
 * <pre>{@code
 * byte[] onnx = OnnxExport.toBytes(ModelFile.load(Path.of("model.safetensors")));
 * }</pre>
 */
public final class OnnxExport {
    /** The operator set: supported by ONNX Runtime since 1.14; every operator used here is unchanged in it since 13. */
    public static final int OPSET = 17;
    /** IR version 8, the one that goes with opset 17 (ONNX 1.12). */
    public static final long IR_VERSION = 8;
    /** The graph's input: raw features, float32, N × inputs. */
    public static final String INPUT = "input";
    /** The graph's output: N × outputs, what {@link Model#predict} returns for each row. */
    public static final String OUTPUT = "output";
    /** The symbolic batch dimension of {@link #INPUT} and {@link #OUTPUT}. */
    public static final String BATCH = "N";
    /** metadata_props keys. */
    public static final String KEY_CLASSES = "mlp4j.class_names", KEY_ARCHITECTURE = "mlp4j.architecture",
            KEY_LOSS = "mlp4j.loss", KEY_NORMALIZATION = "mlp4j.normalization", KEY_INPUT = "mlp4j.input",
            KEY_TARGET_SCALING = "mlp4j.target_scaling";

    private static final Gson GSON = new Gson();

    private OnnxExport() {
    }

    /** A protobuf message, and so an .onnx file without external data, holds less than 2 GB. */
    static final long MAX_BYTES = Integer.MAX_VALUE;

    /** The serialized ONNX model: the bytes of an .onnx file. */
    public static byte[] toBytes(Model model) {
        return toProto(model).toByteArray();
    }

    /** The ONNX model as a protobuf message. */
    public static ModelProto toProto(Model model) {
        Network net = model.network();
        checkSize(net.parameterCount(), net.inputSize(), net.outputSize());
        Graph g = new Graph("mlp4j_" + net.architecture().shape().replace('-', '_'));
        g.input(INPUT, net.inputSize(), "raw features, float32, N × " + net.inputSize()
                + (model.normalizer() == null ? "" : " (the model's normalization is applied inside the graph)"));
        String a = INPUT;
        if (model.normalizer() != null) a = normalize(g, a, model.normalizer());
        for (int i = 0; i < net.layers().size(); i++) a = layer(g, a, i, net.layer(i));
        if (model.targetScaling() != null) a = unscale(g, a, model.targetScaling());
        g.output(a, OUTPUT, net.outputSize(), outputDoc(model));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("mlp4j")
                .setProducerVersion(version())
                .setDocString("An mlp4j multilayer perceptron " + net.architecture().shape() + ": " + INPUT + " → "
                        + OUTPUT + ", as mlp4j's Model.predict computes it.")
                .setGraph(g.build())
                .addAllMetadataProps(metadata(model).entrySet().stream()
                        .map(e -> StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build())
                        .toList())
                .build();
    }

    /**
     * Refuses, before anything is built, a model whose float32 numbers alone (weights, biases, and at most two
     * vectors each for input and output scaling) reach protobuf's 2 GB: past that protobuf fails on its own with an
     * internal error about message sizes.
     */
    static void checkSize(long parameters, long inputs, long outputs) {
        long bytes = 4 * (parameters + 2 * inputs + 2 * outputs);
        if (bytes >= MAX_BYTES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the model's %,d parameters make an"
                    + " ONNX file of at least %,d bytes, more than protobuf's 2 GB limit for one file (mlp4j does not"
                    + " write ONNX external data)", parameters, bytes));
        }
    }

    /** x′ = (x − shift) / scale, in that order, as {@link Normalizer#apply(float[])} rounds it. */
    private static String normalize(Graph g, String x, Normalizer n) {
        String shift = g.initializer("normalization.shift", n.shift(), n.featureCount());
        String scale = g.initializer("normalization.scale", n.scale(), n.featureCount());
        String centred = g.node("Sub", "normalization.centred", x, shift);
        return g.node("Div", "normalized", centred, scale);
    }

    /** z = a·Wᵀ + b (Gemm, transB = 1: W is out×in), then a = σ(z). */
    private static String layer(Graph g, String aPrev, int i, DenseLayer layer) {
        String prefix = "layers." + i;
        String w = g.initializer(prefix + ".weight", layer.weights(), layer.units(), layer.inputs());
        String b = g.initializer(prefix + ".bias", layer.biases(), layer.units());
        String z = g.node("Gemm", prefix + ".z", Map.of("transB", 1L), aPrev, w, b);
        return activation(g, z, prefix + ".a", layer.activation());
    }

    /**
     * σ as an ONNX operator. The switch has no default, so an activation added to mlp4j without an ONNX form here is
     * a compile error rather than a wrong graph. (Softmax is only ever an output layer: {@code Architecture} refuses it
     * elsewhere.)
     */
    private static String activation(Graph g, String z, String a, Activation f) {
        return switch (f) {
            case SIGMOID -> g.node("Sigmoid", a, z);
            case RELU -> g.node("Relu", a, z);
            case LEAKY_RELU -> g.node("LeakyRelu", a, Map.of("alpha", (float) Activation.LEAKY_SLOPE), z);
            case TANH -> g.node("Tanh", a, z);
            case IDENTITY -> z;
            case SOFTMAX -> g.node("Softmax", a, Map.of("axis", -1L), z); // over each row, as Kernel.softmaxRows
        };
    }

    /** y = y′·scale + shift, as {@link Normalizer#invert(float[])} rounds it. */
    private static String unscale(Graph g, String y, Normalizer t) {
        String scale = g.initializer("target_scaling.scale", t.scale(), t.featureCount());
        String shift = g.initializer("target_scaling.shift", t.shift(), t.featureCount());
        String scaled = g.node("Mul", "target_scaling.scaled", y, scale);
        return g.node("Add", "unscaled", scaled, shift);
    }

    private static String outputDoc(Model model) {
        int n = model.network().outputSize();
        Activation out = model.network().architecture().layers().get(model.network().layers().size() - 1).activation();
        if (model.isClassifier()) {
            String what = switch (out) {
                case SOFTMAX -> "class probabilities (softmax; each row sums to 1)";
                case SIGMOID -> "each class's probability (sigmoid)";
                default -> "class scores (" + out.id() + "; the largest is the predicted class)";
            };
            return what + ", float32, N × " + n + ", in the order of metadata " + KEY_CLASSES;
        }
        return "predicted targets" + (model.targetScaling() == null ? "" : " in their own units (target scaling undone)")
                + ", float32, N × " + n;
    }

    private static Map<String, String> metadata(Model model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_ARCHITECTURE, model.network().architecture().shape());
        m.put(KEY_LOSS, model.network().loss().id());
        m.put(KEY_NORMALIZATION, model.normalizer() == null ? "none" : model.normalizer().kind().id());
        if (model.classNames() != null) m.put(KEY_CLASSES, GSON.toJson(model.classNames()));
        if (model.input() != null) m.put(KEY_INPUT, model.input().describe());
        if (model.targetScaling() != null) m.put(KEY_TARGET_SCALING, model.targetScaling().kind().id());
        return m;
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
