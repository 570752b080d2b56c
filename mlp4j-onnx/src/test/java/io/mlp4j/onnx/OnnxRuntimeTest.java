package io.mlp4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.mlp4j.data.Normalizer;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.train.Trainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.mlp4j.nn.Activation.IDENTITY;
import static io.mlp4j.nn.Activation.LEAKY_RELU;
import static io.mlp4j.nn.Activation.RELU;
import static io.mlp4j.nn.Activation.SIGMOID;
import static io.mlp4j.nn.Activation.SOFTMAX;
import static io.mlp4j.nn.Activation.TANH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs exported graphs in ONNX Runtime, an independent implementation of every operator, on 1,000 real MNIST test
 * digits, and holds its outputs to mlp4j's {@link Model#predict} on the same raw rows: at most 1e-5 apart, and the
 * same predicted class for every row. The networks are briefly trained first, so their weights and outputs look
 * like a real model's (confident softmax rows, saturated sigmoids), not like an initialization's.
 */
class OnnxRuntimeTest {
    static final double TOLERANCE = 1e-5;
    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    static OrtEnvironment env;
    static float[][] x;
    static int[] labels;

    @BeforeAll
    static void setUp() throws Exception {
        env = OrtEnvironment.getEnvironment();
        x = MnistSamples.images();
        labels = MnistSamples.labels();
    }

    /** Every elementwise activation as the hidden layers of a softmax digit classifier. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void everyHiddenActivationMatches(Activation hidden) throws OrtException {
        Network net = trained(Network.builder().input(784).dense(32, hidden).dense(16, hidden).dense(10, SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1), 0.1);
        Model model = new Model(net, null, DIGITS, new ModelInput.Image(28, 28, 1));
        float[][] onnx = runOnnx(model, x);
        assertMatches(model, onnx);
        for (float[] row : onnx) assertEquals(1.0, sum(row), 1e-5, "softmax rows are probabilities");
    }

    /** Every activation that can be an output layer besides softmax, with the cost it trains with. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void everyOutputActivationMatches(Activation output) throws OrtException {
        Loss loss = output == SIGMOID ? Loss.BINARY_CROSS_ENTROPY : Loss.MSE;
        Network net = trained(Network.builder().input(784).dense(24, TANH).dense(10, output).loss(loss).seed(2), 0.05);
        Model model = new Model(net, null, DIGITS);
        assertMatches(model, runOnnx(model, x));
    }

    @ParameterizedTest
    @EnumSource(Normalizer.Kind.class)
    void normalizationIsInsideTheGraph(Normalizer.Kind kind) throws OrtException {
        Normalizer norm = Normalizer.fit(kind, x);
        Network net = Network.builder().input(784).dense(32, RELU).dense(10, SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(3).build();
        Trainer.sgd(net, norm.apply(x), io.mlp4j.data.Dataset.oneHot(labels, 10), 3, 32, 0.05);
        Model model = new Model(net, norm, DIGITS);
        float[][] onnx = runOnnx(model, x); // raw pixels in: the graph normalizes
        assertMatches(model, onnx);
        assertTrue(accuracy(onnx) > 0.8, "a trained model that sees unnormalized input would be near chance");
    }

    /** A regression model trained on standardized targets: the graph undoes the scaling, as Model.predict does. */
    @Test
    void regressionTargetScalingIsUndoneInsideTheGraph() throws OrtException {
        float[][] y = new float[x.length][2]; // the digit's value and the image's mean ink: two real-valued targets
        for (int i = 0; i < x.length; i++) y[i] = new float[] {labels[i], sum(x[i]) / 784f};
        Normalizer in = Normalizer.fit(Normalizer.Kind.STANDARD, x), out = Normalizer.fit(Normalizer.Kind.STANDARD, y);
        Network net = Network.builder().input(784).dense(32, LEAKY_RELU).dense(2, IDENTITY).loss(Loss.MSE).seed(4).build();
        Trainer.sgd(net, in.apply(x), out.apply(y), 3, 32, 0.01);
        Model model = new Model(net, in, null, null, out);
        float[][] onnx = runOnnx(model, x);
        assertMatches(model, onnx);
        double mean = 0;
        for (float[] row : onnx) mean += row[0] / onnx.length;
        assertEquals(4.5, mean, 1.5, "outputs in the digits' units (0..9), not standardized ones around 0");
    }

    @Test
    void namesShapesAndClassesAreWhatDocsOnnxMdSays() throws OrtException {
        Network net = Network.builder().input(784).dense(16, SIGMOID).dense(10, SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(5).build();
        Model model = new Model(net, Normalizer.fit(Normalizer.Kind.MIN_MAX, x), DIGITS, new ModelInput.Image(28, 28, 1));
        try (OrtSession s = session(model)) {
            assertEquals(List.of(OnnxExport.INPUT), List.copyOf(s.getInputNames()));
            assertEquals(List.of(OnnxExport.OUTPUT), List.copyOf(s.getOutputNames()));
            assertArrayEquals(new long[] {-1, 784}, shape(s.getInputInfo().get(OnnxExport.INPUT)), "N is symbolic");
            assertArrayEquals(new long[] {-1, 10}, shape(s.getOutputInfo().get(OnnxExport.OUTPUT)));
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            assertEquals("[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]", meta.get(OnnxExport.KEY_CLASSES));
            assertEquals("784-16-10", meta.get(OnnxExport.KEY_ARCHITECTURE));
            assertEquals("minmax", meta.get(OnnxExport.KEY_NORMALIZATION));
            assertEquals("mlp4j", s.getMetadata().getProducerName());
            // one row and 1,000 rows through the same graph: the batch dimension is really dynamic
            assertEquals(1, run(s, new float[][] {x[0]}).length);
        }
    }

    @Test
    void aModelTooLargeForOneProtobufMessageIsRefusedBeforeItIsBuilt() {
        OnnxExport.checkSize(536_000_000, 784, 10); // 2,144,006,352 bytes: fits under 2³¹ − 1
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.checkSize(537_000_000, 784, 10));
        assertEquals("the model's 537,000,000 parameters make an ONNX file of at least 2,148,006,352 bytes, more than"
                + " protobuf's 2 GB limit for one file (mlp4j does not write ONNX external data)", e.getMessage());
    }

    // ---- helpers ----

    static Network trained(Network.Builder b, double eta) {
        Network net = b.build();
        Trainer.sgd(net, x, io.mlp4j.data.Dataset.oneHot(labels, 10), 2, 32, eta);
        return net;
    }

    /** mlp4j's outputs for every row, from Model.predict, against ONNX Runtime's. */
    static void assertMatches(Model model, float[][] onnx) {
        assertEquals(x.length, onnx.length);
        double worst = 0;
        int worstRow = -1;
        for (int i = 0; i < x.length; i++) {
            float[] mlp4j = model.predict(x[i]);
            assertEquals(mlp4j.length, onnx[i].length, "row " + i);
            final int row = i;
            for (int j = 0; j < mlp4j.length; j++) {
                double d = Math.abs(mlp4j[j] - onnx[i][j]);
                if (d > worst) {
                    worst = d;
                    worstRow = i;
                }
            }
            assertEquals(argmax(mlp4j), argmax(onnx[i]), () -> "predicted class differs on row " + row);
        }
        final int r = worstRow;
        final double w = worst;
        assertTrue(w <= TOLERANCE, () -> "max |mlp4j − ONNX Runtime| = " + w + " on row " + r + ": "
                + Arrays.toString(model.predict(x[r])) + " vs " + Arrays.toString(onnx[r]));
    }

    static float[][] runOnnx(Model model, float[][] rows) throws OrtException {
        try (OrtSession s = session(model)) {
            return run(s, rows);
        }
    }

    static OrtSession session(Model model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1); // the build machine's cores are shared
            return env.createSession(OnnxExport.toBytes(model), options);
        }
    }

    static float[][] run(OrtSession s, float[][] rows) throws OrtException {
        try (OnnxTensor in = OnnxTensor.createTensor(env, rows);
             OrtSession.Result r = s.run(Map.of(OnnxExport.INPUT, in))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    static long[] shape(NodeInfo info) {
        return ((TensorInfo) info.getInfo()).getShape();
    }

    static int argmax(float[] v) {
        return Evaluation.argmax(v, 0, v.length);
    }

    static double accuracy(float[][] outputs) {
        int right = 0;
        for (int i = 0; i < outputs.length; i++) if (argmax(outputs[i]) == labels[i]) right++;
        return right / (double) outputs.length;
    }

    static float sum(float[] v) {
        float s = 0;
        for (float f : v) s += f;
        return s;
    }
}
