package io.mlp4j.io;

import io.mlp4j.internal.SafeTensors;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.data.Normalizer;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFileTest {
    @TempDir
    Path tmp;

    static Model model() {
        Network net = Network.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(5).build();
        Normalizer n = new Normalizer(Normalizer.Kind.STANDARD, new float[] {0.1f, -2f, 1e-7f}, new float[] {1f, 3.3f, 0.25f});
        return new Model(net, n, List.of("cat", "dog"));
    }

    @Test
    void saveThenLoadIsExact() throws Exception {
        Model m = model();
        Path f = tmp.resolve("model.safetensors");
        ModelFile.save(m, f);
        Model back = ModelFile.load(f);
        assertEquals(m.network().architecture(), back.network().architecture());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(m.network().layer(i).weights(), back.network().layer(i).weights());
            assertArrayEquals(m.network().layer(i).biases(), back.network().layer(i).biases());
        }
        assertArrayEquals(m.normalizer().shift(), back.normalizer().shift());
        assertArrayEquals(m.normalizer().scale(), back.normalizer().scale());
        assertEquals(Normalizer.Kind.STANDARD, back.normalizer().kind());
        assertEquals(List.of("cat", "dog"), back.classNames());
        float[] x = {0.3f, -1f, 2f};
        assertArrayEquals(m.predict(x), back.predict(x));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(f), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void theFileIsSafetensorsWithPyTorchLayout() throws Exception {
        Path f = tmp.resolve("m.safetensors");
        ModelFile.save(new Model(model().network(), null, null), f);
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"layers.0.weight\":{\"dtype\":\"F32\",\"shape\":[4,3],\"data_offsets\":[0,48]}"), header);
        assertTrue(header.contains("\"layers.1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[96,104]}"), header);
        assertEquals(8 + n + 104, bytes.length); // (12 + 4 + 8 + 2) floats
        // the first weight, w_1,1 of layer 1, little-endian right after the header
        float w11 = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(model().network().layer(0).weight(0, 0), w11);
        Model back = ModelFile.load(f);
        assertNull(back.normalizer());
        assertNull(back.classNames());
    }

    private String loadError(byte[] bytes) {
        return assertThrows(InvalidDataException.class, () -> ModelFile.load(bytes, "m.safetensors")).getMessage();
    }

    @Test
    void truncatedCorruptedAndForeignFilesAreRejected() throws Exception {
        Path f = tmp.resolve("m.safetensors");
        ModelFile.save(model(), f);
        byte[] good = Files.readAllBytes(f);

        assertEquals("m.safetensors: 4 bytes after the last tensor (a file joined to another, or a wrong header)",
                loadError(Arrays.copyOf(good, good.length + 4)));
        String truncated = loadError(Arrays.copyOf(good, good.length - 10));
        assertTrue(truncated.contains("lie outside the") && truncated.contains("(truncated file?)"), truncated);
        assertEquals("m.safetensors: truncated: 3 bytes, too short for the 8-byte header length (not a safetensors file?)",
                loadError(Arrays.copyOf(good, 3)));
        String shortHeader = loadError(Arrays.copyOf(good, 100));
        assertTrue(shortHeader.startsWith("m.safetensors: truncated: the header length"), shortHeader);

        byte[] flipped = good.clone();
        flipped[flipped.length - 7] ^= 0x10; // one bit of a bias
        assertEquals("m.safetensors: the tensor data does not match its SHA-256 checksum (the file is corrupted)",
                loadError(flipped));

        byte[] hugeHeader = good.clone();
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertEquals("m.safetensors: header length 9223372036854775807 is not plausible (not a safetensors file?)",
                loadError(hugeHeader));

        assertEquals("m.safetensors: header length 7810757299310191721 is not plausible (not a safetensors file?)", // "id,label" read as a little-endian long
                loadError("id,label\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSafetensorsFileFromAnotherToolIsNotAModel() throws Exception {
        Path f = tmp.resolve("other.safetensors");
        SafeTensors.write(f, Map.of(), Map.of("embedding", new SafeTensors.Tensor(new int[] {2}, new float[] {1, 2})), null);
        assertEquals("other.safetensors: a safetensors file, but not an mlp4j model (no \"format\": \"mlp4j\" in its metadata)",
                assertThrows(InvalidDataException.class, () -> ModelFile.load(f)).getMessage());
        // ...but its tensors are readable as plain safetensors
        assertArrayEquals(new float[] {1, 2}, SafeTensors.read(f).tensors().get("embedding").values());
    }

    @Test
    void shapesMustMatchTheArchitecture() throws Exception {
        Model m = model();
        Map<String, String> meta = ModelFile.metadata(m);
        var tensors = new java.util.LinkedHashMap<>(ModelFile.tensors(m.network(), ""));
        tensors.put("layers.0.weight", new SafeTensors.Tensor(new int[] {3, 4}, m.network().layer(0).weights()));
        Path f = tmp.resolve("bad.safetensors");
        SafeTensors.write(f, meta, tensors, ModelFile.KEY_SHA256);
        assertEquals("bad.safetensors: tensor 'layers.0.weight' has shape [3, 4] but the architecture needs [4, 3]",
                assertThrows(InvalidDataException.class, () -> ModelFile.load(f)).getMessage());
    }

    @Test
    void anArchitectureLargerThanTheFileIsRejectedBeforeAllocating() throws Exception {
        Model m = model();
        Map<String, String> meta = new java.util.LinkedHashMap<>(ModelFile.metadata(m));
        meta.put(ModelFile.KEY_ARCHITECTURE,
                "{\"input\":46000,\"layers\":[{\"units\":46000,\"activation\":\"relu\"}],\"loss\":\"mse\"}");
        Path f = tmp.resolve("liar.safetensors");
        SafeTensors.write(f, meta, ModelFile.tensors(m.network(), ""), ModelFile.KEY_SHA256);
        assertEquals("liar.safetensors: tensor 'layers.0.weight' has shape [4, 3] but the architecture needs [46000, 46000]",
                assertThrows(InvalidDataException.class, () -> ModelFile.load(f)).getMessage());
    }

    @Test
    void savedFilesGetOrdinaryPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws Exception {
        Path f = tmp.resolve("perm.safetensors");
        ModelFile.save(model(), f);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
        ModelFile.save(model(), f);
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                "replacing a file keeps its permissions");
    }

    @Test
    void aFailedSaveLeavesTheExistingFileAlone() throws Exception {
        Path f = tmp.resolve("keep.safetensors");
        ModelFile.save(model(), f);
        byte[] before = Files.readAllBytes(f);
        Path dirInTheWay = tmp.resolve("dir.safetensors");
        Files.createDirectories(dirInTheWay.resolve("child"));
        assertThrows(java.io.IOException.class, () -> ModelFile.save(model(), dirInTheWay));
        assertArrayEquals(before, Files.readAllBytes(f));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theInputShapeRoundTripsAndOldFilesWithoutItStillLoad() throws Exception {
        Model m = model();
        Path f = tmp.resolve("m.safetensors");
        for (ModelInput input : List.of(new ModelInput.Image(1, 3, 1), ModelInput.Table.named(List.of("b", "a", "c"), List.of("y")),
                ModelInput.Table.positional(3, List.of("3")))) {
            ModelFile.save(new Model(m.network(), m.normalizer(), m.classNames(), input), f);
            assertEquals(input, ModelFile.load(f).input());
        }
        ModelFile.save(m, f); // as files were written before mlp4j.input existed
        assertNull(ModelFile.load(f).input());
        assertTrue(SafeTensors.read(f).metadata().keySet().stream().noneMatch(k -> k.equals(ModelFile.KEY_INPUT)));
    }

    @Test
    void aBadInputDescriptionIsRejected() throws Exception {
        Model m = model();
        Path f = tmp.resolve("in.safetensors");
        for (String[] bad : new String[][] {
                {"{\"kind\":\"image\",\"height\":2,\"width\":2,\"channels\":1}",
                        "in.safetensors: the input is described as 2×2 images (4 values) but the network expects 3 inputs"},
                {"{\"kind\":\"table\",\"features\":[\"a\"],\"targets\":[]}",
                        "in.safetensors: the input is described as a table of 1 feature (a) (1 value) but the network expects 3 inputs"},
                {"{\"kind\":\"audio\"}", "in.safetensors: mlp4j.input: unknown input kind 'audio' (expected image or table)"},
                {"{\"kind\":\"image\",\"height\":-1,\"width\":-3,\"channels\":1}",
                        "in.safetensors: mlp4j.input: image input of -1×-3×1: sizes must be positive"},
                {"[1]", "in.safetensors: mlp4j.input is malformed (Not a JSON Object: [1])"}}) {
            Map<String, String> meta = new java.util.LinkedHashMap<>(ModelFile.metadata(m));
            meta.put(ModelFile.KEY_INPUT, bad[0]);
            SafeTensors.write(f, meta, ModelFile.tensors(m.network(), ""), ModelFile.KEY_SHA256);
            assertEquals(bad[1], assertThrows(InvalidDataException.class, () -> ModelFile.load(f)).getMessage());
        }
    }

    @Test
    void dataOfAnotherShapeIsNamedWithBoth() {
        ModelInput digits = new ModelInput.Image(28, 28, 1), table = ModelInput.Table.named(List.of("f1", "f2"), List.of("y"));
        assertEquals("the model expects 28×28 images, wide-idx3-ubyte has 14×56", assertThrows(IllegalArgumentException.class,
                () -> ModelInput.requireCompatible(digits, new ModelInput.Image(14, 56, 1), "wide-idx3-ubyte")).getMessage());
        assertEquals("the model expects a table of 2 features (f1, f2), not images: x holds 1×2 images",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelInput.requireCompatible(table, new ModelInput.Image(1, 2, 1), "x")).getMessage());
        assertEquals("the model's feature columns are f1, f2; t.csv has f2, f1", assertThrows(IllegalArgumentException.class,
                () -> ModelInput.requireCompatible(table, ModelInput.Table.named(List.of("f2", "f1"), null), "t.csv")).getMessage());
        assertEquals("the model expects 28×28 images (784 values), t.csv has 3 feature columns",
                assertThrows(IllegalArgumentException.class,
                        () -> ModelInput.requireCompatible(digits, ModelInput.Table.positional(3, null), "t.csv")).getMessage());
        ModelInput.requireCompatible(digits, ModelInput.Table.positional(784, null), "pixels.csv"); // pixel columns
        ModelInput.requireCompatible(null, new ModelInput.Image(14, 56, 1), "old model: nothing to compare");
    }

    private static Model withEveryParameter(float w) {
        Model m = model();
        Network net = m.network().copy();
        for (var layer : net.layers()) {
            float[] weights = new float[layer.weights().length], biases = new float[layer.biases().length];
            Arrays.fill(weights, w);
            Arrays.fill(biases, w);
            layer.setParameters(weights, biases);
        }
        return new Model(net, null, m.classNames());
    }

    @Test
    void absurdWeightsAreRefusedWhenLoaded() throws Exception {
        Path f = tmp.resolve("absurd.safetensors");
        ModelFile.save(withEveryParameter(3e38f), f);
        assertEquals("absurd.safetensors: tensor 'layers.0.weight' holds 3.0E38 at index 0, beyond any trained weight "
                + "(|w| ≤ 1.0E30): the network's outputs would overflow float32",
                assertThrows(InvalidDataException.class, () -> ModelFile.load(f)).getMessage());
        ModelFile.save(withEveryParameter(1e30f), f);
        ModelFile.load(f);
    }

    @Test
    void outputsThatOverflowAreAnErrorNotNaN() {
        Model huge = withEveryParameter(1e20f); // tanh caps the hidden layer at 1, so this one stays finite…
        assertTrue(Float.isFinite(huge.predict(new float[] {1, 2, 3})[0]));
        Network relu = Network.builder().input(3).dense(4, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(5).build();
        for (var layer : relu.layers()) {
            float[] w = new float[layer.weights().length];
            Arrays.fill(w, 1e20f);
            layer.setParameters(w, new float[layer.biases().length]);
        }
        Model m = new Model(relu, null, List.of("cat", "dog")); // …ReLU does not: 1e20 · 3e20 · 4 overflows
        assertTrue(Float.isNaN(relu.predict(new float[] {1, 1, 1})[0]), "the raw network gives NaN");
        assertEquals("the network's outputs are not finite numbers: its weights overflow float32 (the largest is 1.00e+20)",
                assertThrows(ArithmeticException.class, () -> m.predict(new float[] {1, 1, 1})).getMessage());
        assertThrows(ArithmeticException.class, () -> m.classify(new float[] {1, 1, 1}));
        Model ordinary = model();
        assertEquals("the network's outputs are not finite numbers: float32 overflows with inputs up to 3.00e+38 (weights up "
                + "to " + String.format(java.util.Locale.ROOT, "%.3g", largestParameter(ordinary)) + ")", ordinary.overflow(3e38));
    }

    private static float largestParameter(Model m) {
        float largest = 0;
        for (var l : m.network().layers()) largest = Math.max(largest, Math.max(Model.largest(l.weights()), Model.largest(l.biases())));
        return largest;
    }

    @Test
    void aRegressionModelKeepsItsTargetScalingAndPredictsInTheTargetsUnits(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        io.mlp4j.nn.Network net = io.mlp4j.nn.Network.builder().input(2).dense(3, io.mlp4j.nn.Activation.TANH)
                .dense(2, io.mlp4j.nn.Activation.IDENTITY).loss(io.mlp4j.nn.Loss.MSE).seed(2).build();
        io.mlp4j.data.Normalizer targets = new io.mlp4j.data.Normalizer(io.mlp4j.data.Normalizer.Kind.STANDARD,
                new float[] {1000, -5}, new float[] {50, 0.5f});
        Path f = dir.resolve("reg.safetensors");
        ModelFile.save(new Model(net, null, null, null, targets), f);
        Model back = ModelFile.load(f);
        float[] x = {0.3f, -0.7f};
        float[] raw = net.predict(x);
        // y = ŷ·scale + shift, the inverse of (y − shift)/scale, computed here by hand
        assertArrayEquals(new float[] {raw[0] * 50 + 1000, raw[1] * 0.5f - 5}, back.predict(x), 1e-3f);
        assertArrayEquals(targets.scale(), back.targetScaling().scale());
        assertEquals("the target scaling has 2 targets but the network has 1 outputs",
                assertThrows(IllegalArgumentException.class, () -> new Model(io.mlp4j.nn.Network.builder().input(2)
                        .dense(1, io.mlp4j.nn.Activation.IDENTITY).loss(io.mlp4j.nn.Loss.MSE).build(), null, null, null,
                        targets)).getMessage());
    }
}
