package io.mlp4j.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.mlp4j.data.InvalidDataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors container (Hugging Face's safe tensor format), F32 tensors only: an 8-byte little-endian header
 * length N, N bytes of JSON header (tensor name → dtype, shape, data_offsets; and a string map "__metadata__"),
 * padded with spaces to a multiple of 8, then the tensors' raw little-endian bytes. Data only: nothing in a file is
 * ever executed or used to pick a class. See docs/model-format.md.
 */
public final class SafeTensors {
    /** No header mlp4j writes comes near this; a larger one is a corrupt or hostile file. */
    static final long MAX_HEADER_BYTES = 64L << 20;
    /** The most bytes mlp4j reads from one file (one Java array). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private SafeTensors() {
    }

    /** A float32 tensor: row-major values and their shape. */
    public record Tensor(int[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (int d : shape) n *= d;
            if (n != values.length) {
                throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + n
                        + " values, got " + values.length);
            }
        }
    }

    /** A file's metadata and tensors, in file order; {@code sha256} is the hash of the tensor bytes as read. */
    public record Contents(Map<String, String> metadata, Map<String, Tensor> tensors, String sha256) {
    }

    /** Writes the tensors in the given order, atomically; returns the SHA-256 of the tensor bytes. */
    public static String write(Path file, Map<String, String> metadata, Map<String, Tensor> tensors,
                               String checksumKey) throws IOException {
        return write(file, AtomicFiles.IfExists.REPLACE, metadata, tensors, checksumKey);
    }

    /**
     * Writes the tensors in the given order, atomically, replacing an existing file only if {@code ifExists} says
     * so; returns the SHA-256 of the tensor bytes.
     */
    public static String write(Path file, AtomicFiles.IfExists ifExists, Map<String, String> metadata,
                               Map<String, Tensor> tensors, String checksumKey) throws IOException {
        long dataBytes = 0;
        for (Tensor t : tensors.values()) dataBytes += 4L * t.values().length;
        if (dataBytes > MAX_FILE_BYTES) throw new IOException("tensors of " + dataBytes + " bytes are too large for one file");
        ByteBuffer data = ByteBuffer.allocate((int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        long offset = 0;
        Map<String, JsonObject> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            for (float v : t.values()) data.putFloat(v);
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (int d : t.shape()) shape.add(d);
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + 4L * t.values().length);
            entry.add("data_offsets", offsets);
            entries.put(e.getKey(), entry);
            offset += 4L * t.values().length;
        }
        String sha = sha256(data.array(), 0, data.capacity());
        if (checksumKey != null) meta.addProperty(checksumKey, sha);
        header.add("__metadata__", meta);
        entries.forEach(header::add);
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) head.put((byte) ' ');
        head.flip();
        data.flip();
        AtomicFiles.write(file, ifExists, head, data);
        return sha;
    }

    public static Contents read(Path file) throws IOException {
        return read(file, false);
    }

    /**
     * Reads a file; with {@code widen}, F64, F16 and BF16 tensors are accepted too and converted to float32 (for files
     * other tools wrote; mlp4j's own files are F32 and are read without it).
     */
    public static Contents read(Path file, boolean widen) throws IOException {
        io.mlp4j.data.InputFiles.requireReadable(file);
        long size = Files.size(file);
        String name = file.getFileName().toString();
        if (size > MAX_FILE_BYTES) throw new InvalidDataException(name + ": " + size + " bytes is larger than mlp4j reads");
        return read(Files.readAllBytes(file), name, widen);
    }

    /** Parses and validates a whole file's bytes; {@code name} names it in errors. */
    public static Contents read(byte[] bytes, String name) throws InvalidDataException {
        return read(bytes, name, false);
    }

    /** {@link #read(byte[], String)}, with {@code widen} as in {@link #read(Path, boolean)}. */
    public static Contents read(byte[] bytes, String name, boolean widen) throws InvalidDataException {
        if (bytes.length < 8) {
            throw new InvalidDataException(name + ": truncated: " + bytes.length + " bytes, too short for the 8-byte header length"
                    + " (not a safetensors file?)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new InvalidDataException(name + ": header length " + Long.toUnsignedString(headerLength)
                    + " is not plausible (not a safetensors file?)");
        }
        if (headerLength > bytes.length - 8) {
            throw new InvalidDataException(name + ": truncated: the header length " + headerLength + " exceeds the file's "
                    + bytes.length + " bytes");
        }
        JsonObject header = parseHeader(bytes, (int) headerLength, name);
        int dataStart = 8 + (int) headerLength;
        int dataBytes = bytes.length - dataStart;
        Map<String, String> metadata = metadata(header, name);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<long[]> ranges = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) continue;
            tensors.put(e.getKey(), tensor(e.getKey(), e.getValue(), buf, dataStart, dataBytes, ranges, name, widen));
        }
        checkCoverage(ranges, dataBytes, name);
        return new Contents(metadata, tensors, sha256(bytes, dataStart, dataBytes));
    }

    private static JsonObject parseHeader(byte[] bytes, int length, String name) throws InvalidDataException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(name + ": the header is not UTF-8 text (not a safetensors file?)");
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) throw new InvalidDataException(name + ": the header is JSON but not an object");
            return root.getAsJsonObject();
        } catch (JsonParseException | StackOverflowError e) {
            throw new InvalidDataException(name + ": the header is not valid JSON (" + shortMessage(e) + ")");
        }
    }

    private static Map<String, String> metadata(JsonObject header, String name) throws InvalidDataException {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonElement meta = header.get("__metadata__");
        if (meta == null) return metadata;
        if (!meta.isJsonObject()) throw new InvalidDataException(name + ": __metadata__ is not an object");
        for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject().entrySet()) {
            if (!(e.getValue() instanceof JsonPrimitive p) || !p.isString()) {
                throw new InvalidDataException(name + ": metadata value '" + e.getKey() + "' is not a string");
            }
            metadata.put(e.getKey(), p.getAsString());
        }
        return metadata;
    }

    private static Tensor tensor(String key, JsonElement value, ByteBuffer buf, int dataStart, int dataBytes,
                                 List<long[]> ranges, String name, boolean widen) throws InvalidDataException {
        String where = name + ": tensor '" + key + "'";
        if (!value.isJsonObject()) throw new InvalidDataException(where + " is not described by an object");
        JsonObject o = value.getAsJsonObject();
        String dtype = string(o, "dtype", where);
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F64" -> widen ? 8 : 0;
            case "F16", "BF16" -> widen ? 2 : 0;
            default -> 0;
        };
        if (width == 0) {
            throw new InvalidDataException(where + " has dtype " + dtype + "; mlp4j reads F32 only"
                    + (widen ? " (and F64, F16, BF16 here)" : ""));
        }
        int[] shape = ints(o, "shape", where, 8);
        long[] offsets = longs(o, "data_offsets", where);
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > MAX_FILE_BYTES) throw new InvalidDataException(where + ": shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        if (offsets.length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataBytes) {
            throw new InvalidDataException(where + ": data_offsets " + java.util.Arrays.toString(offsets)
                    + " lie outside the " + dataBytes + " data bytes (truncated file?)");
        }
        if (offsets[1] - offsets[0] != width * count) {
            throw new InvalidDataException(where + ": shape " + java.util.Arrays.toString(shape) + " needs " + width * count
                    + " bytes but data_offsets span " + (offsets[1] - offsets[0]));
        }
        ranges.add(offsets);
        float[] values = new float[(int) count];
        int start = dataStart + (int) offsets[0];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case "F64" -> (float) buf.getDouble(start + 8 * i); // rounded to the nearest float
                case "F16" -> halfToFloat(buf.getShort(start + 2 * i));
                case "BF16" -> Float.intBitsToFloat((buf.getShort(start + 2 * i) & 0xFFFF) << 16); // float's top half
                default -> buf.getFloat(start + 4 * i);
            };
        }
        return new Tensor(shape, values);
    }

    /**
     * An IEEE 754 half-precision value as a float, exactly (every half is a float). Java 20's Float.float16ToFloat
     * does this; mlp4j runs on 17. Half: 1 sign, 5 exponent (bias 15), 10 fraction bits; float: 1, 8 (bias 127), 23.
     */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16, exponent = (h >>> 10) & 0x1F, fraction = h & 0x3FF;
        if (exponent == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | fraction << 13); // ±∞, NaN
        if (exponent == 0) { // zero or subnormal: fraction · 2^−24
            float v = fraction * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | (exponent + 127 - 15) << 23 | fraction << 13);
    }

    /** The tensors must tile the data exactly: no overlap, no gap, no trailing bytes (as the reference reader checks). */
    private static void checkCoverage(List<long[]> ranges, int dataBytes, String name) throws InvalidDataException {
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long expected = 0;
        for (long[] r : ranges) {
            if (r[0] != expected) {
                throw new InvalidDataException(name + ": tensor data " + (r[0] < expected ? "overlaps" : "has a gap")
                        + " at byte " + Math.min(r[0], expected));
            }
            expected = r[1];
        }
        if (expected != dataBytes) {
            throw new InvalidDataException(name + ": " + (dataBytes - expected) + " bytes after the last tensor"
                    + " (a file joined to another, or a wrong header)");
        }
    }

    private static String string(JsonObject o, String field, String where) throws InvalidDataException {
        JsonElement e = o.get(field);
        if (!(e instanceof JsonPrimitive p) || !p.isString()) throw new InvalidDataException(where + ": missing '" + field + "'");
        return p.getAsString();
    }

    private static int[] ints(JsonObject o, String field, String where, int maxLength) throws InvalidDataException {
        long[] v = longs(o, field, where);
        if (v.length > maxLength) throw new InvalidDataException(where + ": '" + field + "' has " + v.length + " dimensions");
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > Integer.MAX_VALUE) throw new InvalidDataException(where + ": '" + field + "' has size " + v[i]);
            out[i] = (int) v[i];
        }
        return out;
    }

    private static long[] longs(JsonObject o, String field, String where) throws InvalidDataException {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray()) throw new InvalidDataException(where + ": missing '" + field + "'");
        JsonArray a = e.getAsJsonArray();
        if (a.size() > 64) throw new InvalidDataException(where + ": '" + field + "' is too long");
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement x = a.get(i);
            if (!(x instanceof JsonPrimitive p) || !p.isNumber()) {
                throw new InvalidDataException(where + ": '" + field + "' holds a non-number");
            }
            try {
                out[i] = new java.math.BigDecimal(p.getAsString()).longValueExact();
            } catch (ArithmeticException | NumberFormatException ex) {
                throw new InvalidDataException(where + ": '" + field + "' holds " + p.getAsString() + ", not an integer");
            }
        }
        return out;
    }

    static String sha256(byte[] bytes, int offset, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, offset, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String shortMessage(Throwable e) {
        String m = e instanceof StackOverflowError ? "nested too deeply" : String.valueOf(e.getMessage());
        return m.length() > 120 ? m.substring(0, 117) + "…" : m;
    }
}
