package io.mlp4j.cli;

import io.mlp4j.data.Dataset;
import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.io.ModelFile;
import io.mlp4j.io.PyTorchStateDict;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mlp4j import}: PyTorch weights (a Sequential's state dict in safetensors) as an mlp4j model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn the weights of a torch.nn.Sequential of Linear and activation layers,",
                "saved with safetensors.torch.save_file(model.state_dict(), FILE) (tensors 0.weight,",
                "0.bias, 2.weight, ...; F32, F16, BF16 or F64), into an mlp4j model file.",
                "The file holds no activations: name them."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pytorch", required = true, paramLabel = "STATE.safetensors",
            description = "The state dict, saved with safetensors.torch.save_file.")
    Path pytorch;

    @Option(names = "--layers", split = ",", paramLabel = "N,N,...", converter = UsageChecks.LayerSize.class,
            description = "The sizes you expect, input first (e.g. 784,256,10); checked against the tensors. Default: read from them.")
    List<Integer> layers;

    @Option(names = "--activation", required = true, paramLabel = "NAME",
            description = "The activation after every Linear but the last: relu, leaky-relu (slope 0.01), tanh, sigmoid, identity.")
    String activation;

    @Option(names = "--output", defaultValue = "softmax", paramLabel = "NAME",
            description = "The activation after the last Linear: softmax (default: a classifier whose Sequential ends in"
                    + " logits for CrossEntropyLoss), sigmoid, identity (regression), ...")
    String output;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "The cost, should the model be trained further (default: cross-entropy for softmax,"
                    + " binary-cross-entropy for sigmoid, mse otherwise).")
    String loss;

    @Option(names = "--classes", split = ",", paramLabel = "NAME,NAME,...",
            description = "Class names, one per output (default for softmax and sigmoid outputs: 0, 1, 2, ...; with"
                    + " other outputs and no --classes the model is a regression model).")
    List<String> classes;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "FILE", description = "The mlp4j model file to write.")
    Path out;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Activation hidden = activation(activation, "--activation");
        Activation last = activation(output, "--output");
        Loss cost = cost(last);
        Outputs outputs = new Outputs(spec, force).file("--out", out);
        outputs.check();
        PyTorchStateDict state = PyTorchStateDict.read(pytorch);
        int[] expected = layers == null ? null : layers.stream().mapToInt(Integer::intValue).toArray();
        Network net;
        try {
            net = state.network(expected, hidden, last, cost);
        } catch (IllegalArgumentException e) { // the architecture refuses the flags with these sizes
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Model model = new Model(net, null, classNames(last, net.outputSize()));
        outputs.write("--out", ifExists -> ModelFile.save(model, out, ifExists == AtomicFiles.IfExists.REPLACE));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "imported %d Linear layers from %s (%s): %s, %s hidden, %s output, loss %s, %,d parameters%n",
                state.layers().size(), pytorch.getFileName(),
                String.join(", ", state.layers().stream().map(PyTorchStateDict.Linear::weightName).toList()),
                net.architecture().shape(), hidden.id(), last.id(), cost.id(), net.parameterCount());
        o.println("saved " + out + (model.isClassifier() ? " (classes " + String.join(", ", model.classNames()) + ")"
                : " (regression)"));
        o.flush();
        return Main.OK;
    }

    private Activation activation(String id, String option) {
        try {
            return Activation.fromId(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private Loss cost(Activation last) {
        try {
            if (loss != null) return Loss.fromId(loss);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--loss: " + e.getMessage());
        }
        for (Loss fused : Loss.values()) {
            if (fused.requiredOutput() == last) return fused; // softmax → cross-entropy, sigmoid → binary cross-entropy
        }
        return Loss.MSE;
    }

    private List<String> classNames(Activation last, int outputs) {
        if (classes == null) {
            boolean probabilities = last == Activation.SOFTMAX || last == Activation.SIGMOID;
            return probabilities ? Dataset.numberedClasses(outputs) : null;
        }
        if (classes.size() != outputs) {
            throw new ParameterException(spec.commandLine(), "--classes names " + classes.size() + " classes but the last"
                    + " Linear layer has " + outputs + " outputs");
        }
        return classes;
    }
}
