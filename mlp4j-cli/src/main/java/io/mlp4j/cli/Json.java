package io.mlp4j.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.History;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The --json output: plain field names, numbers as numbers, absent fields instead of NaN. */
final class Json {
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    static List<Map<String, Object>> history(History h) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EpochRecord r : h.epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", r.epoch());
            put(m, "train_loss", r.trainLoss());
            put(m, "train_accuracy", r.trainAccuracy());
            put(m, "validation_loss", r.validationLoss());
            put(m, "validation_accuracy", r.validationAccuracy());
            put(m, "learning_rate", r.learningRate());
            put(m, "seconds", r.seconds());
            rows.add(m);
        }
        return rows;
    }

    static Map<String, Object> evaluation(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", e.samples());
        m.put("test_loss", e.loss());
        if (!e.isClassification()) {
            m.put("test_mse", e.mse());
            m.put("test_mae", e.mae());
            m.put("test_r2", e.r2());
            return m;
        }
        m.put("test_accuracy", e.accuracy());
        m.put("macro_precision", e.macroPrecision());
        m.put("macro_recall", e.macroRecall());
        m.put("macro_f1", e.macroF1());
        m.put("classes", e.classNames());
        m.put("confusion_matrix", e.confusion());
        List<Map<String, Object>> perClass = new ArrayList<>();
        long[][] c = e.confusion();
        for (int i = 0; i < c.length; i++) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("class", e.classNames().get(i));
            k.put("precision", e.precision(i));
            k.put("recall", e.recall(i));
            k.put("f1", e.f1(i));
            long support = 0;
            for (long v : c[i]) support += v;
            k.put("support", support);
            perClass.add(k);
        }
        m.put("per_class", perClass);
        return m;
    }

    private static void put(Map<String, Object> m, String key, double v) {
        if (!Double.isNaN(v)) m.put(key, v);
    }
}
