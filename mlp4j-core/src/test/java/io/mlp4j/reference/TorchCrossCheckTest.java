package io.mlp4j.reference;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gradients against an independent implementation: PyTorch's autograd in float64, recorded by
 * tools/crosscheck/torch_gradients.py into a test resource (so the build needs no Python). Every hidden activation ×
 * output activation × cost, a 3-4-4-3 network on 4 samples.
 */
class TorchCrossCheckTest {
    private static final int[] SIZES = {3, 4, 4, 3};

    @Test
    void referenceAndFloatEngineAgreeWithPyTorchOnEveryCombination() throws IOException {
        List<Case> cases = read();
        assertEquals(60, cases.size(), "5 hidden × (5 outputs × 2 squared costs + 2 fused)");
        for (Case c : cases) {
            String name = c.hidden() + "/" + c.output() + "/" + c.loss();
            Architecture arch = c.architecture();
            double[][][] w = new double[3][][];
            double[][] b = new double[3][];
            for (int l = 0; l < 3; l++) {
                w[l] = rows(c.get("w" + l), SIZES[l + 1], SIZES[l]);
                b[l] = c.get("b" + l);
            }
            double[][] xs = rows(c.get("x"), 4, 3), ys = rows(c.get("y"), 4, 3);
            ReferenceNetwork ref = new ReferenceNetwork(arch, w, b);
            ReferenceNetwork.Backprop g = ref.meanGradient(xs, ys);
            double torchCost = c.get("cost")[0];
            assertEquals(torchCost, g.cost(), 1e-12 * Math.max(1, Math.abs(torchCost)), name + ": cost");

            Network net = Network.create(arch, null, 0);
            for (int l = 0; l < 3; l++) net.layer(l).setParameters(toFloat(c.get("w" + l)), toFloat(b[l]));
            Gradients gf = net.gradients(toFloat(xs), toFloat(ys));

            for (int l = 0; l < 3; l++) {
                double[] dw = c.get("dw" + l), db = c.get("db" + l);
                double scale = 1e-3;
                for (double v : dw) scale = Math.max(scale, Math.abs(v));
                for (int j = 0; j < SIZES[l + 1]; j++) {
                    for (int k = 0; k < SIZES[l]; k++) {
                        double torch = dw[j * SIZES[l] + k];
                        assertEquals(torch, g.dW()[l][j][k], 1e-12 * scale, name + ": reference ∂C/∂w" + l);
                        assertEquals(torch, gf.weight(l, j, k), 1e-4 * scale, name + ": float ∂C/∂w" + l);
                    }
                    assertEquals(db[j], g.db()[l][j], 1e-12 * scale, name + ": reference ∂C/∂b" + l);
                    assertEquals(db[j], gf.bias(l, j), 1e-4 * scale, name + ": float ∂C/∂b" + l);
                }
            }
        }
    }

    /** One recorded case: its activations and cost, and the named number lists (x, y, w0, b0, ..., dw0, db0, ...). */
    private record Case(String hidden, String output, String loss, Map<String, double[]> values) {
        double[] get(String key) {
            return values.get(key);
        }

        Architecture architecture() {
            Activation h = Activation.fromId(hidden);
            return new Architecture(3, List.of(new LayerSpec(4, h), new LayerSpec(4, h),
                    new LayerSpec(3, Activation.fromId(output))), Loss.fromId(loss));
        }
    }

    private static List<Case> read() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TorchCrossCheckTest.class.getResourceAsStream("/crosscheck/torch-gradients.txt"), StandardCharsets.UTF_8))) {
            Map<String, double[]> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.trim().split("\\s+");
                if (f[0].equals("case")) {
                    current = new HashMap<>();
                    cases.add(new Case(f[1], f[2], f[3], current));
                    continue;
                }
                double[] v = new double[f.length - 1];
                for (int i = 1; i < f.length; i++) v[i - 1] = Double.parseDouble(f[i]);
                current.put(f[0], v);
            }
        }
        return cases;
    }

    private static double[][] rows(double[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) System.arraycopy(flat, r * cols, m[r], 0, cols);
        return m;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private static float[][] toFloat(double[][] m) {
        float[][] f = new float[m.length][];
        for (int i = 0; i < m.length; i++) f[i] = toFloat(m[i]);
        return f;
    }
}
