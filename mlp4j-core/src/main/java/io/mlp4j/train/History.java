package io.mlp4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-epoch record of a training run, exportable as CSV. */
public final class History {
    private final List<EpochRecord> epochs = new ArrayList<>();

    public void add(EpochRecord record) {
        epochs.add(record);
    }

    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    public int size() {
        return epochs.size();
    }

    public EpochRecord last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** CSV with a header; empty cells where a figure does not apply. */
    public String toCsv() {
        StringBuilder s = new StringBuilder(
                "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds\n");
        for (EpochRecord r : epochs) {
            s.append(r.epoch()).append(',').append(cell(r.trainLoss())).append(',').append(cell(r.trainAccuracy()))
                    .append(',').append(cell(r.validationLoss())).append(',').append(cell(r.validationAccuracy()))
                    .append(',').append(cell(r.learningRate())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append('\n');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "History(" + epochs.size() + " epochs" + (epochs.isEmpty() ? "" : ", last " + last()) + ")";
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
