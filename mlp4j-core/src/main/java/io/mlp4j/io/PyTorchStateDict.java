package io.mlp4j.io;

import io.mlp4j.data.InvalidDataException;
import io.mlp4j.internal.SafeTensors;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights of a PyTorch {@code torch.nn.Sequential} of {@code Linear} and activation layers, saved with
 * {@code safetensors.torch.save_file(model.state_dict(), path)}, as an mlp4j {@link Network}. The state dict names
 * each Linear's tensors by its position in the Sequential ({@code 0.weight}, {@code 0.bias}, {@code 2.weight}, …;
 * activations have no tensors, so the positions skip), possibly under a common prefix ({@code net.0.weight}); its
 * weight is out×in, mlp4j's layout, so the numbers are copied as they are. The file carries no activations, so the
 * caller names them. Tensors may be F32, or F64, F16 or BF16 (converted to float32: F64 rounded, the others exact).
 * Every mismatch is an {@link InvalidDataException} naming the file and the tensor.
 *
 * <pre>{@code
 * Network net = PyTorchStateDict.read(Path.of("state.safetensors"))
 *         .network(null, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY);
 * }</pre>
 */
public final class PyTorchStateDict {
    private static final Pattern NAME = Pattern.compile("(.*?)(\\d+)\\.(weight|bias)");

    /** One Linear layer: its position in the Sequential, W (out×in) and b. */
    public record Linear(String prefix, int position, int[] weightShape, float[] weight, int[] biasShape, float[] bias) {
        /** The name of its weight tensor in the file, e.g. {@code 0.weight}. */
        public String weightName() {
            return prefix + position + ".weight";
        }

        public String biasName() {
            return prefix + position + ".bias";
        }

        public int inputs() {
            return weightShape[1];
        }

        public int units() {
            return weightShape[0];
        }
    }

    private final String file;
    private final List<Linear> layers;

    private PyTorchStateDict(String file, List<Linear> layers) {
        this.file = file;
        this.layers = List.copyOf(layers);
    }

    /** Reads a state dict file and checks that it is a chain of Linear layers whose sizes fit together. */
    public static PyTorchStateDict read(Path file) throws IOException {
        return of(SafeTensors.read(file, true).tensors(), file.getFileName().toString());
    }

    /** The same for a file's bytes; {@code name} names it in errors. */
    public static PyTorchStateDict read(byte[] bytes, String name) throws InvalidDataException {
        return of(SafeTensors.read(bytes, name, true).tensors(), name);
    }

    private static PyTorchStateDict of(Map<String, SafeTensors.Tensor> tensors, String file) throws InvalidDataException {
        if (tensors.isEmpty()) throw new InvalidDataException(file + ": holds no tensors (expected 0.weight, 0.bias, …)");
        String prefix = null, first = null;
        TreeMap<Integer, SafeTensors.Tensor[]> byPosition = new TreeMap<>(); // position → {weight, bias}
        for (Map.Entry<String, SafeTensors.Tensor> e : tensors.entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            if (!m.matches()) {
                throw new InvalidDataException(file + ": tensor '" + e.getKey() + "' is not a Linear layer's weight or bias"
                        + " (expected names like 0.weight, 0.bias, 2.weight: a torch.nn.Sequential of Linear layers and activations)");
            }
            if (prefix == null) {
                prefix = m.group(1);
                first = e.getKey();
            }
            if (!prefix.equals(m.group(1))) {
                throw new InvalidDataException(file + ": tensor '" + e.getKey() + "' is not named like '" + first
                        + "' (prefix '" + m.group(1) + "' instead of " + (prefix.isEmpty() ? "none" : "'" + prefix + "'")
                        + "): the layers of one Sequential are expected");
            }
            int position;
            try {
                position = Integer.parseInt(m.group(2));
            } catch (NumberFormatException ex) {
                throw new InvalidDataException(file + ": tensor '" + e.getKey() + "' has a layer position too large to be real");
            }
            byPosition.computeIfAbsent(position, p -> new SafeTensors.Tensor[2])[m.group(3).equals("weight") ? 0 : 1] = e.getValue();
        }
        List<Linear> layers = new ArrayList<>();
        for (Map.Entry<Integer, SafeTensors.Tensor[]> e : byPosition.entrySet()) {
            layers.add(linear(file, prefix, e.getKey(), e.getValue()[0], e.getValue()[1], layers.isEmpty() ? null : layers.get(layers.size() - 1)));
        }
        return new PyTorchStateDict(file, layers);
    }

    private static Linear linear(String file, String prefix, int position, SafeTensors.Tensor w, SafeTensors.Tensor b,
                                 Linear previous) throws InvalidDataException {
        String wName = prefix + position + ".weight", bName = prefix + position + ".bias";
        if (w == null) throw new InvalidDataException(file + ": tensor '" + wName + "' is missing (there is a '" + bName + "')");
        if (b == null) {
            throw new InvalidDataException(file + ": tensor '" + bName + "' is missing (there is a '" + wName
                    + "'; Linear layers without a bias are not supported)");
        }
        if (w.shape().length != 2) {
            throw new InvalidDataException(file + ": tensor '" + wName + "' has shape " + Arrays.toString(w.shape())
                    + "; a Linear weight is 2-D, [out, in]");
        }
        if (b.shape().length != 1 || b.shape()[0] != w.shape()[0]) {
            throw new InvalidDataException(file + ": tensor '" + bName + "' has shape " + Arrays.toString(b.shape())
                    + ", expected [" + w.shape()[0] + "] (one bias per row of '" + wName + "' " + Arrays.toString(w.shape()) + ")");
        }
        if (w.shape()[0] == 0 || w.shape()[1] == 0) {
            throw new InvalidDataException(file + ": tensor '" + wName + "' has shape " + Arrays.toString(w.shape()) + ": a layer needs units and inputs");
        }
        if (previous != null && w.shape()[1] != previous.units()) {
            throw new InvalidDataException(file + ": tensor '" + wName + "' has shape " + Arrays.toString(w.shape())
                    + ", so its layer takes " + w.shape()[1] + " inputs, but '" + previous.weightName() + "' "
                    + Arrays.toString(previous.weightShape()) + " gives " + previous.units());
        }
        finite(file, wName, w.values());
        finite(file, bName, b.values());
        return new Linear(prefix, position, w.shape(), w.values(), b.shape(), b.values());
    }

    private static void finite(String file, String name, float[] values) throws InvalidDataException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i]) || Math.abs(values[i]) > ModelFile.MAX_PARAMETER) {
                throw new InvalidDataException(file + ": tensor '" + name + "' holds " + values[i] + " at index " + i
                        + " (weights must be finite numbers)");
            }
        }
    }

    /** The Linear layers, in Sequential order. */
    public List<Linear> layers() {
        return layers;
    }

    /** The layer sizes, input first: 784, 256, 10 for Linear(784, 256) then Linear(256, 10). */
    public int[] sizes() {
        int[] s = new int[layers.size() + 1];
        s[0] = layers.get(0).inputs();
        for (int i = 0; i < layers.size(); i++) s[i + 1] = layers.get(i).units();
        return s;
    }

    /**
     * The network: {@code hidden} after every Linear but the last, {@code output} after the last, trained (should it
     * be trained further) with {@code loss}. {@code expectedSizes}, when not null, must be {@link #sizes()}: a check that
     * the file is the network the caller has in mind, failing with the first tensor that differs.
     */
    public Network network(int[] expectedSizes, Activation hidden, Activation output, Loss loss) throws InvalidDataException {
        if (expectedSizes != null) checkSizes(expectedSizes);
        List<Architecture.LayerSpec> specs = new ArrayList<>();
        float[][] w = new float[layers.size()][], b = new float[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            specs.add(new Architecture.LayerSpec(layers.get(i).units(), i == layers.size() - 1 ? output : hidden));
            w[i] = layers.get(i).weight();
            b[i] = layers.get(i).bias();
        }
        return Network.withParameters(new Architecture(sizes()[0], specs, loss), w, b);
    }

    private void checkSizes(int[] expected) throws InvalidDataException {
        int[] actual = sizes();
        if (expected.length != actual.length) {
            throw new InvalidDataException(file + ": holds " + layers.size() + " Linear layers (" + names() + "), sizes "
                    + join(actual) + ", but " + (expected.length - 1) + " were expected (" + join(expected) + ")");
        }
        for (int i = 0; i < layers.size(); i++) {
            Linear l = layers.get(i);
            if (l.inputs() != expected[i] || l.units() != expected[i + 1]) {
                throw new InvalidDataException(file + ": tensor '" + l.weightName() + "' has shape " + Arrays.toString(l.weightShape())
                        + ", expected [" + expected[i + 1] + ", " + expected[i] + "] for layer " + (i + 1) + " of " + join(expected));
            }
        }
    }

    private String names() {
        return String.join(", ", layers.stream().map(Linear::weightName).toList());
    }

    private static String join(int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
    }
}
