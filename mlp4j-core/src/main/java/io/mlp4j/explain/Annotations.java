package io.mlp4j.explain;

import java.util.Map;

/**
 * What a seed document says about a traced value: the name it gives it (the blog's ω5, h1, ...) and the number it
 * printed. Keys name values in the trace's notation, e.g. {@code a_1^(2)}, {@code dC/dw_1,2^(2)}, {@code w_1,2^(2)+}.
 */
public record Annotations(Map<String, String> labels, Map<String, PrintedValue> printed) {
    public static final Annotations NONE = new Annotations(Map.of(), Map.of());

    String label(String key) {
        return labels.get(key);
    }

    PrintedValue printed(String key) {
        return printed.get(key);
    }
}
