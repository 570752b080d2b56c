package io.mlp4j.cli;

import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mlp4j summary}: the layer table of a network shape. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print a network's layers (shape, activation, parameters) and its total parameter count.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", required = true, split = ",", paramLabel = "N,N,...", converter = UsageChecks.LayerSize.class,
            description = "Layer sizes from input to output, e.g. 784,16,16,10.")
    List<Integer> layers;

    @Option(names = "--activation", defaultValue = "sigmoid", paramLabel = "NAME",
            description = "Hidden-layer activation: sigmoid, relu, leaky-relu, tanh, identity (default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--output", paramLabel = "NAME",
            description = "Output activation (default: softmax with cross-entropy, otherwise the hidden activation).")
    String output;

    @Option(names = "--loss", defaultValue = "quadratic", paramLabel = "NAME",
            description = "Cost: quadratic, mse, cross-entropy, binary-cross-entropy (default ${DEFAULT-VALUE}).")
    String loss;

    @Override
    public Integer call() {
        Architecture arch = NetworkOptions.architecture(spec, layers, activation, output, loss);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %-12s %-12s %12s%n", "layer", "shape", "activation", "parameters");
        out.printf("%-8s %-12s %-12s %12s%n", "input", String.valueOf(arch.inputSize()), "-", "0");
        for (int i = 0; i < arch.depth(); i++) {
            LayerSpec l = arch.layers().get(i);
            out.printf("%-8s %-12s %-12s %,12d%n", "dense " + (i + 1), arch.fanIn(i) + "→" + l.units(),
                    l.activation().id(), arch.parameterCount(i));
        }
        out.printf("total: %,d parameters (%s, loss %s)%n", arch.parameterCount(), arch.shape(), arch.loss().id());
        out.flush();
        return Main.OK;
    }
}
