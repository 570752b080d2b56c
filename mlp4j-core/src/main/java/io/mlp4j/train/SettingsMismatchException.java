package io.mlp4j.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A resume refused because the run's settings or data differ from the checkpoint's: each difference names the
 * setting and both values ("cannot resume: layers was 784,64,10 in the checkpoint, 784,32,10 now").
 */
public final class SettingsMismatchException extends IllegalArgumentException {
    /**
     * Settings that follow from others (a hash of the data after splitting and normalization, the per-epoch learning
     * rates): named only when no other setting differs, since then they are the cause, not a consequence.
     */
    static final Set<String> DERIVED = Set.of(Trainer.LEARNING_RATES, Trainer.TRAINING_DATA, Trainer.VALIDATION_DATA);

    /** One setting that differs; {@code was} or {@code now} is null when that side does not have it. */
    public record Difference(String setting, String was, String now) {
    }

    private final transient List<Difference> differences;

    private SettingsMismatchException(List<Difference> differences) {
        super(message(differences, s -> s));
        this.differences = List.copyOf(differences);
    }

    public List<Difference> differences() {
        return differences;
    }

    /** The message with each setting's name as {@code label} gives it (the command line says "--layers"). */
    public String message(Function<String, String> label) {
        return message(differences, label);
    }

    /** Throws when {@code now} differs from what the checkpoint recorded ({@code was}). */
    static void check(Map<String, String> was, Map<String, String> now) {
        List<Difference> primary = new ArrayList<>(), derived = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(now.keySet());
        keys.addAll(was.keySet());
        for (String key : keys) {
            if (!Objects.equals(was.get(key), now.get(key))) {
                (DERIVED.contains(key) ? derived : primary).add(new Difference(key, was.get(key), now.get(key)));
            }
        }
        if (!primary.isEmpty()) throw new SettingsMismatchException(primary);
        if (!derived.isEmpty()) throw new SettingsMismatchException(derived);
    }

    private static String message(List<Difference> differences, Function<String, String> label) {
        List<String> clauses = new ArrayList<>(), unrecorded = new ArrayList<>();
        for (Difference d : differences) {
            if (d.was() == null) {
                unrecorded.add(label.apply(d.setting()));
            } else {
                clauses.add(label.apply(d.setting()) + " was " + d.was() + " in the checkpoint, "
                        + (d.now() == null ? "not set now" : d.now() + " now"));
            }
        }
        if (!unrecorded.isEmpty()) { // a checkpoint of an older mlp4j: it cannot show this run is the same
            return "cannot resume: the checkpoint does not record " + String.join(", ", unrecorded)
                    + " (an older mlp4j wrote it); start the run again without --resume";
        }
        return "cannot resume: " + String.join("; ", clauses);
    }
}
