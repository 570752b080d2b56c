package io.mlp4j.examples;

import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.mlp4j.nn.Activation.SIGMOID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java examples are real programs: every {@code ```java} block of README.md is, character for character,
 * an example file of this module without its package line, and each example runs and prints what it should.
 *
 * <p>The convention: the line before a block (blank lines aside) is {@code <!-- example: PATH -->}, PATH being the
 * file from the repository root. The file is {@code package io.mlp4j.examples;}, a blank line, then the block.
 */
class ReadmeExamplesTest {
    private static final Pattern MARKER = Pattern.compile("<!-- example: (\\S+) -->");
    private static final Path EXAMPLES = Path.of("src/main/java/io/mlp4j/examples");

    @Test
    void everyJavaBlockOfTheReadmeIsAnExampleFile() throws IOException {
        Path readme = Path.of(Jvm.property("examples.readme"));
        Map<String, String> blocks = javaBlocks(readme);
        assertFalse(blocks.isEmpty(), "no ```java block in " + readme);
        Path root = readme.getParent();
        for (Map.Entry<String, String> b : blocks.entrySet()) {
            Path file = root.resolve(b.getKey());
            assertTrue(Files.isRegularFile(file), "README names " + b.getKey() + ", which does not exist");
            assertEquals(withoutPackageLine(file), b.getValue(),
                    "the README's block differs from " + b.getKey() + " (without its package line)");
        }
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            s.forEach(p -> files.add("mlp4j-examples/" + EXAMPLES.resolve(p.getFileName()).toString().replace('\\', '/')));
        }
        assertEquals(files, new TreeSet<>(blocks.keySet()), "every example is shown in the README, and only those");
    }

    @Test
    void xorLearnsXor(@TempDir Path dir) throws Exception {
        Jvm.Run run = Jvm.example(dir, "Xor", Jvm.VECTOR);
        float[] out = xorOutputs(run.out());
        float[] expected = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], out[i], 0.1, "row " + i + " of XOR:\n" + run.out());
        }
        assertFalse(run.err().contains(Jvm.SCALAR_WARNING), "the flag enables the Vector API kernel:\n" + run.err());
    }

    @Test
    void withoutTheFlagTheScalarKernelRunsAndSaysSoOnce(@TempDir Path dir) throws Exception {
        Jvm.Run scalar = Jvm.example(dir, "Xor");
        Jvm.Run vector = Jvm.example(dir, "Xor", Jvm.VECTOR);
        assertEquals(1, Jvm.count(scalar.err(), Jvm.SCALAR_WARNING), "one warning:\n" + scalar.err());
        assertTrue(scalar.err().contains("--add-modules jdk.incubator.vector"), "it says what to do:\n" + scalar.err());
        // Same training, other rounding: the scalar kernel's products are not fused multiply-adds.
        float[] s = xorOutputs(scalar.out()), v = xorOutputs(vector.out());
        for (int i = 0; i < 4; i++) assertEquals(v[i], s[i], 1e-5, "row " + i);
    }

    @Test
    void theTraceIsOneStepOfTheSameNetwork(@TempDir Path dir) throws Exception {
        String trace = Jvm.example(dir, "TraceStep", Jvm.VECTOR).out();
        // The float engine, an independent implementation of the forward pass, on the network the example builds.
        Network net = Network.builder()
                .input(2).dense(3, SIGMOID).dense(1, SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(3)
                .build();
        double a = net.predict(new float[] {0, 1})[0];
        assertEquals(a, number(trace, "a_1\\^\\(2\\) = σ\\([^)]*\\) = (\\S+)"), 1e-5, trace);
        assertEquals((a - 1) * (a - 1), number(trace, "\\n  C = .* = (\\S+)\\n"), 1e-6, trace);
        // 2·3 + 3·1 weights and 3 + 1 biases, each with its update w⁺ = w − η·∂C/∂w.
        assertEquals(9, Pattern.compile("(?m)^ +w⁺ = ").matcher(trace).results().count(), trace);
        assertEquals(4, Pattern.compile("(?m)^ +b⁺ = ").matcher(trace).results().count(), trace);
    }

    @Test
    void irisReportsItsAccuracyOnUntouchedTestRows(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(Jvm.property("examples.iris")), dir.resolve("iris.csv"));
        String out = Jvm.example(dir, "Iris", Jvm.VECTOR).out();
        Matcher m = Pattern.compile("samples (\\d+)  loss \\S+  accuracy (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(30, Integer.parseInt(m.group(1)), "the report covers the test rows, a fifth of 150:\n" + out);
        assertTrue(Double.parseDouble(m.group(2)) >= 0.85, "test accuracy " + m.group(2) + ":\n" + out);
        assertTrue(out.strip().endsWith("-> setosa"), "the saved model, loaded again, classifies a setosa:\n" + out);
        assertTrue(Files.size(dir.resolve("iris.safetensors")) > 0);
    }

    /** README blocks by the file their marker names, in README order. */
    static Map<String, String> javaBlocks(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```java")) continue;
            int before = i - 1;
            while (before >= 0 && lines.get(before).isBlank()) before--;
            Matcher m = MARKER.matcher(before >= 0 ? lines.get(before).strip() : "");
            assertTrue(m.matches(), "README line " + (i + 1) + ": a ```java block without '<!-- example: PATH -->' before it");
            List<String> body = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++) body.add(lines.get(j));
            assertTrue(j < lines.size(), "README line " + (i + 1) + ": the block is not closed");
            assertTrue(blocks.put(m.group(1), String.join("\n", body) + "\n") == null, m.group(1) + " is shown twice");
            i = j;
        }
        return blocks;
    }

    /** The file without its first line, {@code package …;}, and the blank line after it. */
    static String withoutPackageLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(text.startsWith("package io.mlp4j.examples;\n\n"), file + " starts with its package line and a blank line");
        return text.substring("package io.mlp4j.examples;\n\n".length());
    }

    /** The four outputs of the XOR example, in the order of its rows 00, 01, 10, 11. */
    static float[] xorOutputs(String out) {
        Matcher m = Pattern.compile("\\[(\\S+), (\\S+)] -> (\\S+)").matcher(out);
        float[] outputs = new float[4];
        int rows = 0;
        while (m.find()) {
            int row = (int) (2 * Float.parseFloat(m.group(1)) + Float.parseFloat(m.group(2)));
            assertEquals(rows, row, out);
            outputs[rows++] = Float.parseFloat(m.group(3));
        }
        assertEquals(4, rows, out);
        return outputs;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return Double.parseDouble(m.group(1).replace('−', '-'));
    }
}
