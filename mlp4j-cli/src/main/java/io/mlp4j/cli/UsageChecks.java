package io.mlp4j.cli;

import io.mlp4j.data.Normalizer;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Option values that are wrong on their own are usage errors (exit 2), found before any data is loaded: a typo in a
 * name should not cost the minutes of reading a data set first.
 */
final class UsageChecks {
    private UsageChecks() {
    }

    /** The network options of train: layer sizes, and every activation, loss, initializer and normalization name. */
    static void network(CommandSpec spec, List<Integer> layers, String activation, String output, String loss,
                        String initializer, String normalize) {
        if (layers != null) NetworkOptions.architecture(spec, layers, activation, "identity", "mse"); // sizes alone
        name(spec, "--activation", activation, Activation::fromId);
        name(spec, "--output", output, Activation::fromId);
        name(spec, "--loss", loss, Loss::fromId);
        name(spec, "--initializer", initializer, Initializer::fromId);
        if (normalize != null && !normalize.equalsIgnoreCase("none")) name(spec, "--normalize", normalize, Normalizer.Kind::fromId);
    }

    private static void name(CommandSpec spec, String option, String value, Function<String, ?> parse) {
        if (value == null) return;
        try {
            parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** One layer size of --layers: a whole number (whether it is positive is the architecture's check). */
    static final class LayerSize implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a layer size: sizes are whole numbers"
                        + " from input to output, e.g. 784,128,10");
            }
        }
    }

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{61,})'");

    /**
     * An error message as one line of reasonable length: line breaks become spaces, and in a message longer than 240
     * characters a quoted value longer than 60 (a pasted file, a runaway argument) is cut, saying how long it was.
     */
    static String oneLine(String message) {
        String s = String.valueOf(message).replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        if (s.length() <= 240) return s;
        Matcher m = QUOTED.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = m.group(1);
            m.appendReplacement(b, Matcher.quoteReplacement("'" + v.substring(0, 40) + "…' (" + v.length() + " characters)"));
        }
        m.appendTail(b);
        return b.length() > 500 ? b.substring(0, 497) + "…" : b.toString();
    }
}
