package io.mlp4j.cli;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Loss;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** Turns the --layers/--activation/--output/--loss flags into an {@link Architecture}, as usage errors when bad. */
final class NetworkOptions {
    private NetworkOptions() {
    }

    static Architecture architecture(CommandSpec spec, List<Integer> sizes, String hidden, String output, String loss) {
        try {
            if (sizes.size() < 2) {
                throw new IllegalArgumentException("--layers needs an input size and at least one layer, e.g. 784,30,10");
            }
            Activation hiddenActivation = Activation.fromId(hidden);
            Loss cost = Loss.fromId(loss);
            Activation outputActivation = output != null ? Activation.fromId(output)
                    : cost.requiredOutput() != null ? cost.requiredOutput() : hiddenActivation;
            List<LayerSpec> layers = new ArrayList<>();
            for (int i = 1; i < sizes.size(); i++) {
                layers.add(new LayerSpec(sizes.get(i), i == sizes.size() - 1 ? outputActivation : hiddenActivation));
            }
            return new Architecture(sizes.get(0), layers, cost);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
