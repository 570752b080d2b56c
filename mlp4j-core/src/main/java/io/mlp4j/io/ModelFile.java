package io.mlp4j.io;

import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.internal.SafeTensors;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.data.Normalizer;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mlp4j model files: safetensors with tensors {@code layers.{i}.weight} (out×in, PyTorch nn.Linear's layout) and
 * {@code layers.{i}.bias}, F32, and the architecture, normalization, class names, format version and a SHA-256 of the
 * tensor bytes in {@code __metadata__}. The spec is docs/model-format.md.
 */
public final class ModelFile {
    public static final String FORMAT = "mlp4j";
    public static final String VERSION = "1";
    static final String KEY_FORMAT = "format", KEY_VERSION = "mlp4j.format_version",
            KEY_ARCHITECTURE = "mlp4j.architecture", KEY_NORMALIZATION = "mlp4j.normalization",
            KEY_TARGET_SCALING = "mlp4j.target_normalization",
            KEY_CLASSES = "mlp4j.class_names", KEY_SHA256 = "mlp4j.sha256", KEY_CREATED_BY = "mlp4j.created_by",
            KEY_INPUT = "mlp4j.input";

    /**
     * The largest |weight| or |bias| a model file may hold. Trained weights stay far below ±1000; one of 1e30 times
     * another in the next layer exceeds float32's 3.4e38, so the outputs would be NaN or infinite.
     */
    public static final float MAX_PARAMETER = 1e30f;

    private ModelFile() {
    }

    /** Saves atomically: a crash mid-save leaves the previous file intact. */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, true);
    }

    /**
     * Saves atomically; with {@code replaceExisting} false an existing file, even one that appears while the model is
     * being written, is kept and the save fails with a {@link java.nio.file.FileAlreadyExistsException}.
     */
    public static void save(Model model, Path file, boolean replaceExisting) throws IOException {
        SafeTensors.write(file, replaceExisting ? AtomicFiles.IfExists.REPLACE : AtomicFiles.IfExists.FAIL,
                metadata(model), tensors(model.network(), ""), KEY_SHA256);
    }

    /** Loads and validates a model file; every problem is an {@link InvalidDataException} naming the file. */
    public static Model load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        return fromContents(c, file.getFileName().toString());
    }

    /** A model file's model and all its metadata (the safetensors header's {@code __metadata__}), read once. */
    public record Loaded(Model model, Map<String, String> metadata) {
        public Loaded {
            metadata = Map.copyOf(metadata);
        }
    }

    /** Loads a model file as {@link #load(Path)} does, with its metadata (e.g. to show both). */
    public static Loaded loadWithMetadata(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        return new Loaded(fromContents(c, file.getFileName().toString()), c.metadata());
    }

    /** Loads from a file's bytes with its metadata (a server that also hashes the bytes reads the file once). */
    public static Loaded loadWithMetadata(byte[] bytes, String name) throws InvalidDataException {
        SafeTensors.Contents c = SafeTensors.read(bytes, name);
        return new Loaded(fromContents(c, name), c.metadata());
    }

    /** Loads from a file's bytes (for tests and fuzzing). */
    public static Model load(byte[] bytes, String name) throws InvalidDataException {
        return fromContents(SafeTensors.read(bytes, name), name);
    }

    static Model fromContents(SafeTensors.Contents c, String name) throws InvalidDataException {
        Map<String, String> meta = c.metadata();
        if (!FORMAT.equals(meta.get(KEY_FORMAT))) {
            throw new InvalidDataException(name + ": a safetensors file, but not an mlp4j model (no \"format\": \"mlp4j\""
                    + " in its metadata)");
        }
        if (!VERSION.equals(meta.get(KEY_VERSION))) {
            throw new InvalidDataException(name + ": model format version " + meta.get(KEY_VERSION)
                    + "; this mlp4j reads version " + VERSION);
        }
        String sha = meta.get(KEY_SHA256);
        if (sha == null || !sha.equals(c.sha256())) {
            throw new InvalidDataException(name + ": the tensor data does not match its SHA-256 checksum (the file is corrupted)");
        }
        Architecture arch = architecture(meta.get(KEY_ARCHITECTURE), name);
        Network net = network(arch, c.tensors(), "", name);
        Normalizer normalizer = meta.containsKey(KEY_NORMALIZATION) ? normalizer(meta.get(KEY_NORMALIZATION), name) : null;
        List<String> classes = meta.containsKey(KEY_CLASSES) ? classNames(meta.get(KEY_CLASSES), name) : null;
        ModelInput input = meta.containsKey(KEY_INPUT) ? input(meta.get(KEY_INPUT), name) : null;
        Normalizer targets = meta.containsKey(KEY_TARGET_SCALING)
                ? normalizer(meta.get(KEY_TARGET_SCALING), name, KEY_TARGET_SCALING) : null;
        try {
            return new Model(net, normalizer, classes, input, targets);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name + ": " + e.getMessage());
        }
    }

    static Map<String, String> metadata(Model model) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY_FORMAT, FORMAT);
        meta.put(KEY_VERSION, VERSION);
        meta.put(KEY_ARCHITECTURE, architectureJson(model.network().architecture()).toString());
        if (model.normalizer() != null) meta.put(KEY_NORMALIZATION, normalizerJson(model.normalizer()).toString());
        if (model.targetScaling() != null) meta.put(KEY_TARGET_SCALING, normalizerJson(model.targetScaling()).toString());
        if (model.classNames() != null) {
            JsonArray names = new JsonArray();
            model.classNames().forEach(names::add);
            meta.put(KEY_CLASSES, names.toString());
        }
        if (model.input() != null) meta.put(KEY_INPUT, inputJson(model.input()).toString());
        String version = ModelFile.class.getPackage().getImplementationVersion();
        meta.put(KEY_CREATED_BY, "mlp4j " + (version == null ? "(development build)" : version));
        return meta;
    }

    /** The network's tensors, names prefixed (checkpoints store a second copy as "best."). */
    static Map<String, SafeTensors.Tensor> tensors(Network net, String prefix) {
        Map<String, SafeTensors.Tensor> t = new LinkedHashMap<>();
        for (int i = 0; i < net.layers().size(); i++) {
            DenseLayer l = net.layer(i);
            t.put(prefix + "layers." + i + ".weight", new SafeTensors.Tensor(new int[] {l.units(), l.inputs()}, l.weights()));
            t.put(prefix + "layers." + i + ".bias", new SafeTensors.Tensor(new int[] {l.units()}, l.biases()));
        }
        return t;
    }

    static Network network(Architecture arch, Map<String, SafeTensors.Tensor> tensors, String prefix, String name)
            throws InvalidDataException {
        // Check every shape against the tensors read before allocating: the architecture comes from the file and
        // may claim a network far larger than the file's bytes.
        float[][] w = new float[arch.depth()][], b = new float[arch.depth()][];
        for (int i = 0; i < arch.depth(); i++) {
            int units = arch.layers().get(i).units(), in = arch.fanIn(i);
            w[i] = tensor(tensors, prefix + "layers." + i + ".weight", new int[] {units, in}, name);
            b[i] = tensor(tensors, prefix + "layers." + i + ".bias", new int[] {units}, name);
        }
        return Network.withParameters(arch, w, b);
    }

    private static float[] tensor(Map<String, SafeTensors.Tensor> tensors, String key, int[] shape, String name)
            throws InvalidDataException {
        SafeTensors.Tensor t = tensors.get(key);
        if (t == null) throw new InvalidDataException(name + ": tensor '" + key + "' is missing");
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new InvalidDataException(name + ": tensor '" + key + "' has shape " + java.util.Arrays.toString(t.shape())
                    + " but the architecture needs " + java.util.Arrays.toString(shape));
        }
        for (int i = 0; i < t.values().length; i++) {
            if (!Float.isFinite(t.values()[i])) {
                throw new InvalidDataException(name + ": tensor '" + key + "' holds " + t.values()[i] + " at index " + i);
            }
            if (Math.abs(t.values()[i]) > MAX_PARAMETER) {
                throw new InvalidDataException(name + ": tensor '" + key + "' holds " + t.values()[i] + " at index " + i
                        + ", beyond any trained weight (|w| ≤ " + MAX_PARAMETER + "): the network's outputs would overflow float32");
            }
        }
        return t.values();
    }

    static JsonObject architectureJson(Architecture arch) {
        JsonObject o = new JsonObject();
        o.addProperty("input", arch.inputSize());
        JsonArray layers = new JsonArray();
        for (Architecture.LayerSpec l : arch.layers()) {
            JsonObject layer = new JsonObject();
            layer.addProperty("units", l.units());
            layer.addProperty("activation", l.activation().id());
            layers.add(layer);
        }
        o.add("layers", layers);
        o.addProperty("loss", arch.loss().id());
        return o;
    }

    static Architecture architecture(String json, String name) throws InvalidDataException {
        if (json == null) throw new InvalidDataException(name + ": the metadata has no " + KEY_ARCHITECTURE);
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            List<Architecture.LayerSpec> layers = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("layers")) {
                JsonObject l = e.getAsJsonObject();
                layers.add(new Architecture.LayerSpec(l.get("units").getAsInt(), Activation.fromId(l.get("activation").getAsString())));
            }
            return new Architecture(o.get("input").getAsInt(), layers, Loss.fromId(o.get("loss").getAsString()));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException | ClassCastException e) {
            throw new InvalidDataException(name + ": " + KEY_ARCHITECTURE + " is malformed (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name + ": " + KEY_ARCHITECTURE + ": " + e.getMessage());
        }
    }

    /** {"kind":"image","height":28,"width":28,"channels":1}, or {"kind":"table","features":[…],"targets":[…]}. */
    static JsonObject inputJson(ModelInput input) {
        JsonObject o = new JsonObject();
        if (input instanceof ModelInput.Image i) {
            o.addProperty("kind", "image");
            o.addProperty("height", i.height());
            o.addProperty("width", i.width());
            o.addProperty("channels", i.channels());
        } else if (input instanceof ModelInput.Table t) {
            o.addProperty("kind", "table");
            if (t.hasNames()) {
                o.add("features", strings(t.features()));
            } else {
                o.addProperty("feature_count", t.featureCount()); // no header: columns by position
            }
            o.add("targets", strings(t.targets()));
        }
        return o;
    }

    static ModelInput input(String json, String name) throws InvalidDataException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            String kind = o.get("kind").getAsString();
            if (kind.equals("image")) {
                return new ModelInput.Image(o.get("height").getAsInt(), o.get("width").getAsInt(), o.get("channels").getAsInt());
            }
            if (!kind.equals("table")) throw new IllegalArgumentException("unknown input kind '" + kind + "' (expected image or table)");
            List<String> targets = strings(o.getAsJsonArray("targets"));
            return o.has("features") ? ModelInput.Table.named(strings(o.getAsJsonArray("features")), targets)
                    : ModelInput.Table.positional(o.get("feature_count").getAsInt(), targets);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException | ClassCastException e) {
            throw new InvalidDataException(name + ": " + KEY_INPUT + " is malformed (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name + ": " + KEY_INPUT + ": " + e.getMessage());
        }
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static List<String> strings(JsonArray a) {
        List<String> values = new ArrayList<>();
        for (JsonElement e : a) values.add(e.getAsString());
        return values;
    }

    static JsonObject normalizerJson(Normalizer n) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", n.kind().id());
        o.add("shift", floats(n.shift()));
        o.add("scale", floats(n.scale()));
        return o;
    }

    static Normalizer normalizer(String json, String name) throws InvalidDataException {
        return normalizer(json, name, KEY_NORMALIZATION);
    }

    static Normalizer normalizer(String json, String name, String key) throws InvalidDataException {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            return new Normalizer(Normalizer.Kind.fromId(o.get("kind").getAsString()), floats(o.getAsJsonArray("shift")),
                    floats(o.getAsJsonArray("scale")));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException | ClassCastException e) {
            throw new InvalidDataException(name + ": " + key + " is malformed (" + e.getMessage() + ")");
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(name + ": " + key + ": " + e.getMessage());
        }
    }

    static List<String> classNames(String json, String name) throws InvalidDataException {
        try {
            List<String> names = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) names.add(e.getAsString());
            return names;
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new InvalidDataException(name + ": " + KEY_CLASSES + " is malformed (" + e.getMessage() + ")");
        }
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) a.add(x);
        return a;
    }

    private static float[] floats(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).getAsFloat();
        return v;
    }
}
