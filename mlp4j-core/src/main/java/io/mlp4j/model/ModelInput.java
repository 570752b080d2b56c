package io.mlp4j.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What a model's input is, beyond how many numbers: images of a height, width and channel count, or a table whose
 * feature columns have names (when the training file had a header). Stored in the model file, so that evaluation
 * and prediction can refuse data that only matches by count (14×56 images for a 28×28 model, an image for a table
 * model) and can find a table's columns by name in whatever order a file has them.
 */
public sealed interface ModelInput permits ModelInput.Image, ModelInput.Table {

    /** How many numbers one sample has: the network's input width. */
    int size();

    /** For messages: "28×28 images", "a table of 4 features (f1, f2, f3, f4)". */
    String describe();

    /** Images, row-major, {@code channels} values per pixel (1: grey). */
    record Image(int height, int width, int channels) implements ModelInput {
        public Image {
            if (height < 1 || width < 1 || channels < 1) {
                throw new IllegalArgumentException("image input of " + height + "×" + width + "×" + channels
                        + ": sizes must be positive");
            }
            if ((long) height * width * channels > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("image input of " + height + "×" + width + "×" + channels + " is too large");
            }
        }

        @Override
        public int size() {
            return height * width * channels;
        }

        /** "28×28", or "32×32×3" with more than one channel. */
        public String dimensions() {
            return height + "×" + width + (channels == 1 ? "" : "×" + channels);
        }

        @Override
        public String describe() {
            return dimensions() + " images";
        }
    }

    /**
     * A table of {@code featureCount} feature columns: {@code features} names them in the network's input order (null
     * when the training file had no header, so columns go by position); {@code targets} names the label or target
     * columns of the training file (by name, or by 0-based index without a header).
     */
    record Table(int featureCount, List<String> features, List<String> targets) implements ModelInput {
        public Table {
            if (featureCount < 1) throw new IllegalArgumentException("a table input needs at least one feature, got " + featureCount);
            if (features != null) {
                features = List.copyOf(features);
                if (features.size() != featureCount) {
                    throw new IllegalArgumentException(features.size() + " feature names for " + featureCount + " features");
                }
            }
            targets = targets == null ? List.of() : List.copyOf(targets);
        }

        /** A table whose columns have these names (from a header). */
        public static Table named(List<String> features, List<String> targets) {
            return new Table(features.size(), features, targets);
        }

        /** A table without a header: columns by position. */
        public static Table positional(int featureCount, List<String> targets) {
            return new Table(featureCount, null, targets);
        }

        public boolean hasNames() {
            return features != null;
        }

        /** True when every name is different, so columns can be found by name. */
        public boolean namesAreUnique() {
            return features != null && new HashSet<>(features).size() == features.size();
        }

        @Override
        public int size() {
            return featureCount;
        }

        @Override
        public String describe() {
            return "a table of " + featureCount + " feature" + (featureCount == 1 ? "" : "s")
                    + (features == null ? "" : " (" + abbreviate(features) + ")");
        }
    }

    /**
     * Fails, naming both shapes, when data described by {@code data} (from {@code source}, a file name) cannot be the
     * input of a model that expects {@code expected}: images of another size, images for a table model, or another
     * number of values. A table of pixel columns for an image model is accepted when the count matches (CSV files of
     * pixels are common; their columns carry no shape). Either side may be null (unknown): then only counts count.
     */
    static void requireCompatible(ModelInput expected, ModelInput data, String source) {
        if (expected == null || data == null) {
            if (expected != null && data != null && expected.size() != data.size()) throw mismatch(expected, data, source);
            return;
        }
        if (expected instanceof Image e && data instanceof Image d) {
            if (e.height() != d.height() || e.width() != d.width() || e.channels() != d.channels()) {
                throw new IllegalArgumentException("the model expects " + e.describe() + ", " + source + " has " + d.dimensions());
            }
        } else if (expected instanceof Table e && data instanceof Image d) {
            throw new IllegalArgumentException("the model expects " + e.describe() + ", not images: " + source + " holds "
                    + d.describe());
        } else if (expected.size() != data.size()) {
            throw mismatch(expected, data, source);
        } else if (expected instanceof Table e && data instanceof Table d && e.hasNames() && d.hasNames()
                && !e.features().equals(d.features())) {
            throw new IllegalArgumentException("the model's feature columns are " + abbreviate(e.features()) + "; "
                    + source + " has " + abbreviate(d.features()));
        }
    }

    private static IllegalArgumentException mismatch(ModelInput expected, ModelInput data, String source) {
        String has = data instanceof Image d ? d.describe() : data.size() + " feature column" + (data.size() == 1 ? "" : "s");
        return new IllegalArgumentException("the model expects " + expected.describe()
                + (expected instanceof Image ? " (" + expected.size() + " values)" : "") + ", " + source + " has " + has);
    }

    /** "a, b, c" or, for many names, the first few and how many more. */
    private static String abbreviate(List<String> names) {
        List<String> shown = new ArrayList<>(names.subList(0, Math.min(names.size(), 8)));
        if (names.size() > 8) shown.add("… " + (names.size() - 8) + " more");
        return String.join(", ", shown);
    }
}
