package io.mlp4j.io;

import io.mlp4j.internal.SafeTensors;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Network;
import io.mlp4j.train.CheckpointSink;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training checkpoints: a model file (so {@code evaluate --model checkpoint.safetensors} works) plus the optimizer's
 * buffers as tensors {@code optimizer.<name>}, the best parameters so far as {@code best.layers.*}, and the run's
 * counters, generator states and history as JSON in the metadata key {@code mlp4j.checkpoint}. Written atomically.
 *
 * <pre>{@code
 * Trainer.builder().checkpoints(Checkpoints.in(dir), 0)...build().fit(net, train, validation);
 * TrainingState state = Checkpoints.read(Checkpoints.file(dir));   // after an interruption: trainer.resume(state, …)
 * }</pre>
 */
public final class Checkpoints {
    static final String KEY_STATE = "mlp4j.checkpoint";

    private Checkpoints() {
    }

    /** The file a checkpoint directory holds: the latest state, overwritten atomically. */
    public static Path file(Path dir) {
        return dir.resolve("checkpoint.safetensors");
    }

    /** A sink for {@code Trainer.Builder.checkpoints} that writes each state to {@link #file}{@code (dir)}. */
    public static CheckpointSink in(Path dir) {
        return state -> write(file(dir), state);
    }

    public static void write(Path file, TrainingState s) throws IOException {
        Map<String, String> meta = ModelFile.metadata(new Model(s.network(), null, null));
        JsonObject state = new JsonObject();
        state.addProperty("optimizer", s.optimizerId());
        state.addProperty("optimizer_step", Long.toString(s.optimizer().stepCount()));
        state.addProperty("epoch", s.epoch());
        state.addProperty("next_batch", s.nextBatch());
        state.addProperty("shuffle_state", Long.toString(s.shuffleSeedState()));
        state.addProperty("dropout_state", Long.toString(s.dropoutState()));
        state.addProperty("epoch_loss_sum", Double.toString(s.epochLossSum()));
        state.addProperty("epoch_correct", Long.toString(s.epochCorrect()));
        state.addProperty("best_epoch", s.bestEpoch());
        state.addProperty("best_metric", Double.toString(s.bestMetric()));
        state.addProperty("epochs_without_improvement", s.epochsWithoutImprovement());
        JsonObject settings = new JsonObject();
        s.fingerprint().forEach(settings::addProperty);
        state.add("settings", settings);
        JsonArray history = new JsonArray();
        for (EpochRecord r : s.history()) {
            JsonArray row = new JsonArray();
            row.add(r.epoch());
            for (double v : new double[] {r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(),
                    r.learningRate(), r.seconds()}) {
                row.add(Double.toString(v)); // as text: JSON has no NaN, and Double.toString round-trips exactly
            }
            history.add(row);
        }
        state.add("history", history);
        state.addProperty("history_epochs_from", 1);
        meta.put(KEY_STATE, state.toString());

        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>(ModelFile.tensors(s.network(), ""));
        s.optimizer().buffers().forEach((k, v) -> tensors.put("optimizer." + k, new SafeTensors.Tensor(new int[] {v.length}, v)));
        if (s.best() != null) tensors.putAll(ModelFile.tensors(s.best(), "best."));
        SafeTensors.write(file, meta, tensors, ModelFile.KEY_SHA256);
    }

    public static TrainingState read(Path file) throws IOException {
        String name = file.getFileName().toString();
        SafeTensors.Contents c = SafeTensors.read(file);
        Model model = ModelFile.fromContents(c, name);
        String json = c.metadata().get(KEY_STATE);
        if (json == null) throw new InvalidDataException(name + ": a model file, not a checkpoint (no " + KEY_STATE + ")");
        try {
            JsonObject s = JsonParser.parseString(json).getAsJsonObject();
            Map<String, float[]> buffers = new LinkedHashMap<>();
            c.tensors().forEach((k, t) -> {
                if (k.startsWith("optimizer.")) buffers.put(k.substring("optimizer.".length()), t.values());
            });
            Architecture arch = model.network().architecture();
            boolean hasBest = c.tensors().containsKey("best.layers.0.weight");
            Network best = hasBest ? ModelFile.network(arch, c.tensors(), "best.", name) : null;
            List<EpochRecord> history = new ArrayList<>();
            // Checkpoints before history_epochs_from numbered their history's epochs from 0.
            int shift = s.has("history_epochs_from") ? 0 : 1;
            for (JsonElement e : s.getAsJsonArray("history")) {
                JsonArray r = e.getAsJsonArray();
                history.add(new EpochRecord(r.get(0).getAsInt() + shift, d(r, 1), d(r, 2), d(r, 3), d(r, 4), d(r, 5), d(r, 6)));
            }
            return new TrainingState(model.network(), s.get("optimizer").getAsString(),
                    new Optimizer.State(buffers, Long.parseLong(s.get("optimizer_step").getAsString())),
                    s.get("epoch").getAsInt(), s.get("next_batch").getAsInt(),
                    Long.parseLong(s.get("shuffle_state").getAsString()), Long.parseLong(s.get("dropout_state").getAsString()),
                    Double.parseDouble(s.get("epoch_loss_sum").getAsString()),
                    Long.parseLong(s.get("epoch_correct").getAsString()), history, best, s.get("best_epoch").getAsInt(),
                    Double.parseDouble(s.get("best_metric").getAsString()), s.get("epochs_without_improvement").getAsInt(),
                    settings(s));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException
                 | NumberFormatException | ClassCastException | IndexOutOfBoundsException e) {
            throw new InvalidDataException(name + ": " + KEY_STATE + " is malformed (" + e.getMessage() + ")");
        }
    }

    /** The run's settings by name; a checkpoint of an older mlp4j has them as one string "epochs=20 batch=64 …". */
    private static Map<String, String> settings(JsonObject s) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (s.has("settings")) {
            s.getAsJsonObject("settings").entrySet().forEach(e -> settings.put(e.getKey(), e.getValue().getAsString()));
        } else {
            for (String pair : s.get("fingerprint").getAsString().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) settings.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return settings;
    }

    private static double d(JsonArray row, int i) {
        return Double.parseDouble(row.get(i).getAsString());
    }
}
