package io.mlp4j.cli.serve;

import com.google.gson.stream.JsonWriter;
import io.mlp4j.model.Model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answer of {@code POST /v1/predict}: {@code {"predictions": [row, …]}}, each row as {@code mlp4j predict --json}
 * prints it: a classifier's {@code class}, {@code probabilities} (class → score) and {@code top} (the k best, best
 * first); a regression model's {@code prediction} (its values); a blank image's {@code blank_input}. Scores are
 * written as floats (Float.toString: the shortest decimal that reads back to the same float).
 */
final class PredictionsJson {
    private PredictionsJson() {
    }

    /** One answer per row; a null row is a blank image. */
    static byte[] write(Model model, float[][] outputs, int topK) {
        StringWriter s = new StringWriter(64 + outputs.length * (model.isClassifier() ? 32 * model.classNames().size() : 16));
        try (JsonWriter w = new JsonWriter(s)) {
            w.beginObject().name("predictions").beginArray();
            for (float[] scores : outputs) {
                w.beginObject();
                if (scores == null) {
                    w.name("blank_input").value(true);
                } else if (model.isClassifier()) {
                    classification(w, model.classNames(), scores, topK);
                } else {
                    w.name("prediction").beginArray();
                    for (float v : scores) w.value(v);
                    w.endArray();
                }
                w.endObject();
            }
            w.endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void classification(JsonWriter w, List<String> classes, float[] scores, int topK) throws IOException {
        List<Integer> best = Model.topK(scores, topK);
        w.name("class").value(classes.get(best.get(0)));
        w.name("probabilities").beginObject();
        for (int j = 0; j < scores.length; j++) w.name(classes.get(j)).value(scores[j]);
        w.endObject();
        w.name("top").beginArray();
        for (int j : best) w.beginObject().name("class").value(classes.get(j)).name("probability").value(scores[j]).endObject();
        w.endArray();
    }
}
