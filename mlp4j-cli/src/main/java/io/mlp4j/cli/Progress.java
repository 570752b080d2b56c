package io.mlp4j.cli;

import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress on stderr: a progress bar per epoch (batches, samples/s, ETA, running loss) when stderr is a
 * terminal; otherwise one plain line per epoch, so CI logs stay readable. Both print the epoch's summary line.
 */
final class Progress implements TrainingListener {
    private final PrintWriter err;
    private final boolean bar;
    private final int epochs;
    private final int samplesPerEpoch;
    private ProgressBar current;
    private double runningLoss;
    private long samplesSeen;

    Progress(PrintWriter err, boolean interactive, int epochs, int samplesPerEpoch) {
        this.err = err;
        this.bar = interactive;
        this.epochs = epochs;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /** Whether stderr is a terminal a progress bar can redraw on. */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try { // Java 22+: a Console exists even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, int samplesInBatch, double loss) {
        if (!bar) return;
        if (current == null) {
            current = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(samplesPerEpoch).setStyle(ProgressBarStyle.ASCII).setUnit("", 1)
                    .showSpeed().setUpdateIntervalMillis(200).continuousUpdate().build();
            runningLoss = loss;
            samplesSeen = 0;
        }
        runningLoss = 0.95 * runningLoss + 0.05 * loss;
        samplesSeen += samplesInBatch;
        current.stepBy(samplesInBatch);
        current.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", runningLoss));
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (current != null) {
            current.close();
            current = null;
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f", r.epoch(),
                epochs, r.trainLoss()));
        if (!Double.isNaN(r.trainAccuracy())) s.append(String.format(Locale.ROOT, "  acc %.4f", r.trainAccuracy()));
        if (!Double.isNaN(r.validationLoss())) s.append(String.format(Locale.ROOT, "  val loss %.4f", r.validationLoss()));
        if (!Double.isNaN(r.validationAccuracy())) s.append(String.format(Locale.ROOT, "  val acc %.4f", r.validationAccuracy()));
        s.append(String.format(Locale.ROOT, "  lr %.3g  %.1f s", r.learningRate(), r.seconds()));
        err.println(s);
        err.flush();
    }

    @Override
    public void onWarning(String message) {
        err.println("mlp4j: warning: " + message);
        err.flush();
    }
}
