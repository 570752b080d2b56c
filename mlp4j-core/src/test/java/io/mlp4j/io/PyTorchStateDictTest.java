package io.mlp4j.io;

import io.mlp4j.data.InvalidDataException;
import io.mlp4j.internal.SafeTensors;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * PyTorch state dicts as mlp4j networks. The expected outputs are PyTorch's own, recorded with the weights by
 * tools/crosscheck/pytorch_state_dicts.py (src/test/resources/pytorch/outputs.txt).
 */
class PyTorchStateDictTest {
    @TempDir
    Path dir;

    @Test
    void classifierEndingInLogitsGivesPyTorchsSoftmaxProbabilities() throws IOException {
        PyTorchStateDict s = fixture("classifier");
        assertEquals(List.of("0.weight", "2.weight", "4.weight"), s.layers().stream().map(PyTorchStateDict.Linear::weightName).toList());
        assertArrayEquals(new int[] {6, 12, 8, 4}, s.sizes());
        assertMatchesPyTorch("classifier", s.network(new int[] {6, 12, 8, 4}, RELU, SOFTMAX, Loss.CROSS_ENTROPY));
    }

    @Test
    void positionsSkipWhereTheSequentialHasLayersWithoutWeights() throws IOException {
        PyTorchStateDict s = fixture("regressor"); // Linear, Tanh, Dropout, Linear: tensors 0.* and 3.*
        assertEquals(List.of("0.weight", "3.weight"), s.layers().stream().map(PyTorchStateDict.Linear::weightName).toList());
        assertMatchesPyTorch("regressor", s.network(null, TANH, IDENTITY, Loss.MSE));
    }

    @Test
    void aSequentialInsideAModuleHasItsAttributeAsPrefix() throws IOException {
        PyTorchStateDict s = fixture("wrapped");
        assertEquals("net.2.bias", s.layers().get(1).biasName());
        assertMatchesPyTorch("wrapped", s.network(null, LEAKY_RELU, SIGMOID, Loss.BINARY_CROSS_ENTROPY));
    }

    @Test
    void everyWrongTensorIsNamed() throws IOException {
        Map<String, SafeTensors.Tensor> good = new LinkedHashMap<>();
        good.put("0.weight", zeros(4, 3));
        good.put("0.bias", zeros(4));
        good.put("2.weight", zeros(2, 4));
        good.put("2.bias", zeros(2));

        assertError("'1.running_mean' is not a Linear layer's weight or bias", with(good, "1.running_mean", zeros(4)));
        assertError("'2.bias' is missing", without(good, "2.bias"));
        assertError("'0.weight' is missing", without(good, "0.weight"));
        assertError("'0.bias' has shape [5], expected [4]", with(good, "0.bias", zeros(5)));
        assertError("'2.weight' has shape [2, 5], so its layer takes 5 inputs, but '0.weight' [4, 3] gives 4",
                with(good, "2.weight", zeros(2, 5)));
        assertError("'0.weight' has shape [12]; a Linear weight is 2-D", with(good, "0.weight", zeros(12)));
        assertError("'other.2.weight' is not named like '0.weight' (prefix 'other.' instead of none)", with(without(good, "2.weight"), "other.2.weight", zeros(2, 4)));
        SafeTensors.Tensor nan = zeros(2);
        nan.values()[1] = Float.NaN;
        assertError("'2.bias' holds NaN at index 1", with(good, "2.bias", nan));

        PyTorchStateDict s = PyTorchStateDict.read(write(good), "good.safetensors");
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> s.network(new int[] {3, 5, 2}, RELU, SOFTMAX, Loss.CROSS_ENTROPY));
        assertEquals("good.safetensors: tensor '0.weight' has shape [4, 3], expected [5, 3] for layer 1 of 3,5,2", e.getMessage());
        e = assertThrows(InvalidDataException.class, () -> s.network(new int[] {3, 2}, RELU, SOFTMAX, Loss.CROSS_ENTROPY));
        assertEquals("good.safetensors: holds 2 Linear layers (0.weight, 2.weight), sizes 3,4,2, but 1 were expected (3,2)", e.getMessage());
    }

    /** save_file(model.half() / .bfloat16() / .double().state_dict()): converted to float32 on the way in. */
    @ParameterizedTest
    @ValueSource(strings = {"f16", "bf16", "f64"})
    void halfBfloatAndDoubleStateDictsAreWidened(String dtype) throws IOException {
        assertMatchesPyTorch("classifier-" + dtype, fixture("classifier-" + dtype).network(null, RELU, SOFTMAX, Loss.CROSS_ENTROPY));
    }

    @Test
    void otherDtypesAreRefusedByNameAndModelFilesStayFloat32() throws IOException {
        byte[] int8 = container("I8", 1);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> PyTorchStateDict.read(int8, "q.safetensors"));
        assertEquals("q.safetensors: tensor '0.weight' has dtype I8; mlp4j reads F32 only (and F64, F16, BF16 here)", e.getMessage());
        byte[] half = container("F16", 2);
        assertEquals(1f, PyTorchStateDict.read(half, "half.safetensors").layers().get(0).weight()[0]);
        e = assertThrows(InvalidDataException.class, () -> ModelFile.load(half, "half.safetensors"));
        assertEquals("half.safetensors: tensor '0.weight' has dtype F16; mlp4j reads F32 only", e.getMessage());
    }

    /** A 1×1 Linear whose weight is 1 and bias 0, stored with {@code dtype} in {@code width} bytes a value. */
    private static byte[] container(String dtype, int width) {
        String header = "{\"0.weight\":{\"dtype\":\"" + dtype + "\",\"shape\":[1,1],\"data_offsets\":[0," + width + "]},"
                + "\"0.bias\":{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[" + width + "," + 2 * width + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 2 * width).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        if (width == 2) b.putShort((short) 0x3C00).putShort((short) 0); // half 1.0 (sign 0, exponent 15, fraction 0), 0
        else b.put((byte) 1).put((byte) 0);
        return b.array();
    }

    // ---- helpers ----

    static PyTorchStateDict fixture(String name) throws IOException {
        try (InputStream in = PyTorchStateDictTest.class.getResourceAsStream("/pytorch/" + name + ".safetensors")) {
            return PyTorchStateDict.read(in.readAllBytes(), name + ".safetensors");
        }
    }

    /** Every recorded sample of {@code name}: mlp4j's output within 1e-5 of PyTorch's (both float32). */
    static void assertMatchesPyTorch(String name, Network net) throws IOException {
        List<float[][]> samples = recorded(name);
        assertEquals(5, samples.size());
        for (float[][] xy : samples) assertArrayEquals(xy[1], net.predict(xy[0]), 1e-5f);
    }

    /** The {x, y} pairs that outputs.txt records for one case. */
    static List<float[][]> recorded(String name) throws IOException {
        List<float[][]> samples = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PyTorchStateDictTest.class.getResourceAsStream("/pytorch/outputs.txt"), StandardCharsets.UTF_8))) {
            boolean mine = false;
            float[] x = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("case")) mine = f[1].equals(name);
                else if (mine && f[0].equals("x")) x = floats(f);
                else if (mine && f[0].equals("y")) samples.add(new float[][] {x, floats(f)});
            }
        }
        return samples;
    }

    private static float[] floats(String[] f) {
        float[] v = new float[f.length - 1];
        for (int i = 1; i < f.length; i++) v[i - 1] = Float.parseFloat(f[i]);
        return v;
    }

    private void assertError(String expected, Map<String, SafeTensors.Tensor> tensors) throws IOException {
        byte[] bytes = write(tensors);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> PyTorchStateDict.read(bytes, "state.safetensors"));
        assertTrue(e.getMessage().startsWith("state.safetensors: tensor " + expected), e.getMessage());
    }

    private byte[] write(Map<String, SafeTensors.Tensor> tensors) throws IOException {
        Path file = dir.resolve("state.safetensors");
        SafeTensors.write(file, Map.of(), tensors, null);
        return Files.readAllBytes(file);
    }

    private static Map<String, SafeTensors.Tensor> with(Map<String, SafeTensors.Tensor> m, String name, SafeTensors.Tensor t) {
        Map<String, SafeTensors.Tensor> c = new LinkedHashMap<>(m);
        c.put(name, t);
        return c;
    }

    private static Map<String, SafeTensors.Tensor> without(Map<String, SafeTensors.Tensor> m, String name) {
        Map<String, SafeTensors.Tensor> c = new LinkedHashMap<>(m);
        c.remove(name);
        return c;
    }

    private static SafeTensors.Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return new SafeTensors.Tensor(shape, new float[n]);
    }
}
