package io.mlp4j.cli;

import io.mlp4j.io.ModelFile;
import io.mlp4j.io.PyTorchStateDict;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.onnx.proto.Onnx.ModelProto;
import io.mlp4j.onnx.proto.Onnx.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp4j export} and {@code mlp4j import} as commands: files, messages, exit codes. The numbers are tested where
 * they are computed: mlp4j-onnx's OnnxRuntimeTest runs exported graphs in ONNX Runtime, and core's
 * PyTorchStateDictTest holds imported networks to PyTorch's recorded outputs.
 */
class InterchangeCommandsTest {
    /** The PyTorch fixtures written by tools/crosscheck/pytorch_state_dicts.py, kept with core's tests. */
    static final Path PYTORCH = Path.of("..", "mlp4j-core", "src", "test", "resources", "pytorch");

    @TempDir
    Path dir;

    @Test
    void exportWritesTheGraphAndSaysWhatItTakesAndGives() throws Exception {
        Path model = TestFiles.imageModel(dir.resolve("m.safetensors"), new ModelInput.Image(4, 4, 1), 3);
        Path onnx = dir.resolve("m.onnx");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("wrote .*m\\.onnx \\(ONNX opset 17, [\\d,]+ bytes\\): input \"input\" N×16 float32 → "
                + "output \"output\" N×3 \\(class probabilities, 3 class names in its metadata\\)\\n"), r.out());
        ModelProto p = ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Softmax"), p.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList());
        Map<String, String> meta = p.getMetadataPropsList().stream().collect(Collectors.toMap(e -> e.getKey(), e -> e.getValue()));
        assertEquals("[\"0\",\"1\",\"2\"]", meta.get("mlp4j.class_names"));
        assertEquals(new ModelInput.Image(4, 4, 1).describe(), meta.get("mlp4j.input"));
    }

    @Test
    void exportKeepsAnExistingFileUnlessForced() throws Exception {
        Path model = TestFiles.imageModel(dir.resolve("m.safetensors"), new ModelInput.Image(4, 4, 1), 3);
        Path onnx = Files.writeString(dir.resolve("m.onnx"), "mine");
        CliRun r = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertEquals(1, r.exitCode());
        assertEquals("mlp4j: error: " + onnx + " exists: add --force to overwrite it, or choose --onnx FILE\n", r.err());
        assertEquals("mine", Files.readString(onnx));
        assertEquals(0, CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString(), "--force").exitCode());
        assertTrue(Files.size(onnx) > 100);
    }

    @Test
    void exportOfAFileThatIsNotAModelIsOneLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.safetensors"), "not a model");
        CliRun r = CliRun.of("export", "--model", bad.toString(), "--onnx", dir.resolve("x.onnx").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("mlp4j: error: bad.safetensors: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("x.onnx")));
    }

    @Test
    void withoutTheOnnxJarExportSaysWhatIsMissing() {
        ClassLoader bootOnly = new ClassLoader(null) { }; // sees the JDK only, like java -cp mlp4j.jar without the onnx jar
        assertEquals("export needs the ONNX module, which is not on the class path (io.mlp4j.onnx.OnnxExport is missing):"
                + " run it through the ./mlp4j launcher, which builds mlp4j-onnx/target/mlp4j-onnx.jar and adds it, or start"
                + " java -cp mlp4j.jar:mlp4j-onnx.jar io.mlp4j.cli.Main export", OnnxModule.missing("export", bootOnly));
        assertNull(OnnxModule.missing("export", getClass().getClassLoader()));
    }

    @Test
    void importTurnsAStateDictIntoAModelFileWithTheSameNumbers() throws Exception {
        Path state = PYTORCH.resolve("classifier.safetensors"), out = dir.resolve("imported.safetensors");
        CliRun r = CliRun.of("import", "--pytorch", state.toString(), "--layers", "6,12,8,4", "--activation", "relu",
                "--classes", "a,b,c,d", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("imported 3 Linear layers from classifier.safetensors (0.weight, 2.weight, 4.weight): 6-12-8-4, relu"
                + " hidden, softmax output, loss cross-entropy, 224 parameters\nsaved " + out + " (classes a, b, c, d)\n", r.out());
        Model m = ModelFile.load(out);
        assertEquals(List.of("a", "b", "c", "d"), m.classNames());
        List<PyTorchStateDict.Linear> layers = PyTorchStateDict.read(state).layers();
        for (int i = 0; i < layers.size(); i++) {
            assertArrayEquals(layers.get(i).weight(), m.network().layer(i).weights());
            assertArrayEquals(layers.get(i).bias(), m.network().layer(i).biases());
        }
    }

    @Test
    void importOfARegressorWithAnIdentityOutputIsARegressionModel() throws Exception {
        Path out = dir.resolve("r.safetensors");
        CliRun r = CliRun.of("import", "--pytorch", PYTORCH.resolve("regressor.safetensors").toString(),
                "--activation", "tanh", "--output", "identity", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().endsWith("saved " + out + " (regression)\n"), r.out());
        assertFalse(ModelFile.load(out).isClassifier());
    }

    @Test
    void importErrorsNameTheTensorOrTheFlag() throws Exception {
        String state = PYTORCH.resolve("classifier.safetensors").toString(), out = dir.resolve("o.safetensors").toString();
        CliRun r = CliRun.of("import", "--pytorch", state, "--layers", "6,16,8,4", "--activation", "relu", "--out", out);
        assertEquals(1, r.exitCode());
        assertEquals("mlp4j: error: classifier.safetensors: tensor '0.weight' has shape [12, 6], expected [16, 6] for layer 1"
                + " of 6,16,8,4\n", r.err());

        r = CliRun.of("import", "--pytorch", state, "--activation", "relu", "--classes", "a,b", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("mlp4j: --classes names 2 classes but the last Linear layer has 4 outputs\n"), r.err());

        r = CliRun.of("import", "--pytorch", state, "--activation", "gelu", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("mlp4j: --activation: unknown activation 'gelu'"), r.err());

        r = CliRun.of("import", "--pytorch", state, "--activation", "relu", "--output", "softmax", "--loss", "mse", "--out", out);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("mlp4j: a softmax output layer needs loss cross-entropy, got mse\n"), r.err());

        r = CliRun.of("import", "--pytorch", dir.resolve("none.safetensors").toString(), "--activation", "relu", "--out", out);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(Path.of(out)));
    }
}
