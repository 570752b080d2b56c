package io.mlp4j.cli;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The --model FILE option of evaluate, predict and info. */
final class ModelOption {
    @Option(names = {"--model", "-m"}, required = true, paramLabel = "FILE", description = "The model file.")
    Path file;

    Model load() throws IOException {
        return ModelFile.load(file);
    }
}
