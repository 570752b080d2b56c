package io.mlp4j.cli.serve;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/predict} as JSON: {@code {"inputs": [[x, …], …], "top_k": 3}}, read with Gson's
 * streaming reader straight into float rows (no tree of boxed numbers). Every problem is a 400 naming the place,
 * as Gson's path does: {@code $.inputs[2][17]}.
 */
final class InputsJson {
    /** The rows and the optional top_k (0 when absent). */
    record Request(float[][] rows, int topK) {
    }

    private InputsJson() {
    }

    static Request parse(byte[] body, int width) throws HttpProblem {
        Request fast = FastInputs.parse(body, width);
        return fast != null ? fast : parseWithGson(body, width);
    }

    /** The reference reader: every body the fast path declines, and every error message. */
    static Request parseWithGson(byte[] body, int width) throws HttpProblem {
        JsonReader r = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        r.setStrictness(Strictness.STRICT); // no NaN, no comments, no unquoted names
        try {
            float[][] rows = null;
            int topK = 0;
            r.beginObject();
            while (r.hasNext()) {
                String name = r.nextName();
                switch (name) {
                    case "inputs" -> rows = rows(r, width);
                    case "top_k" -> topK = topK(r);
                    default -> throw new HttpProblem(400, "unknown field \"" + name + "\" (expected \"inputs\" and optionally \"top_k\")");
                }
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) throw new HttpProblem(400, "malformed JSON: more after the object at " + r.getPath());
            if (rows == null) throw new HttpProblem(400, "no \"inputs\": send {\"inputs\": [[" + width + " numbers], …]}");
            return new Request(rows, topK);
        } catch (EOFException e) {
            throw new HttpProblem(400, "malformed JSON: the body ends early, at " + r.getPath());
        } catch (IOException | IllegalStateException | NumberFormatException e) { // what Gson throws for bad JSON
            throw new HttpProblem(400, "malformed JSON: " + gsonMessage(e));
        }
    }

    private static float[][] rows(JsonReader r, int width) throws IOException, HttpProblem {
        List<float[]> rows = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            float[] row = new float[width];
            r.beginArray();
            int j = 0;
            while (r.hasNext()) {
                if (j == width) throw new HttpProblem(400, "inputs[" + rows.size() + "] has more than " + width + " values; the model takes " + width);
                if (r.peek() != JsonToken.NUMBER) throw new HttpProblem(400, at(rows, j) + " is " + describe(r.peek()) + ", not a number");
                double v = r.nextDouble(); // strict: NaN, Infinity and 1e999 are refused here
                row[j] = (float) v;
                if (!Float.isFinite(row[j])) throw new HttpProblem(400, at(rows, j) + " is " + v + ", beyond float32's range");
                j++;
            }
            r.endArray();
            if (j < width) throw new HttpProblem(400, "inputs[" + rows.size() + "] has " + j + " values; the model takes " + width);
            rows.add(row);
        }
        r.endArray();
        if (rows.isEmpty()) throw new HttpProblem(400, "\"inputs\" is empty: send at least one row of " + width + " numbers");
        return rows.toArray(new float[0][]);
    }

    private static String at(List<float[]> rows, int j) {
        return "inputs[" + rows.size() + "][" + j + "]";
    }

    private static int topK(JsonReader r) throws IOException, HttpProblem {
        if (r.peek() != JsonToken.NUMBER) throw new HttpProblem(400, "top_k is " + describe(r.peek()) + ", not a whole number");
        int k = r.nextInt();
        if (k < 1) throw new HttpProblem(400, "top_k must be at least 1, got " + k);
        return k;
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> t.toString();
        };
    }

    /** Gson's message without the troubleshooting link it appends on a second line. */
    private static String gsonMessage(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        return (see >= 0 ? m.substring(0, see) : m).replace('\n', ' ');
    }
}
