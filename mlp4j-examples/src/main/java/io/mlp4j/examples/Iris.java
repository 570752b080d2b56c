package io.mlp4j.examples;

import io.mlp4j.data.CsvReader;
import io.mlp4j.data.Dataset;
import io.mlp4j.data.Normalizer;
import io.mlp4j.data.Splits;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.train.Adam;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingResult;

import java.io.IOException;
import java.nio.file.Path;

import static io.mlp4j.nn.Activation.RELU;
import static io.mlp4j.nn.Activation.SOFTMAX;

public class Iris {
    public static void main(String[] args) throws IOException {
        Dataset all = CsvReader.classification().label("species").read(Path.of("iris.csv"));

        // Split before anything learns from the data: 20% test, then 25% of the rest (20% of all) for validation.
        // Both splits are stratified (each class keeps its share) and seeded.
        Splits.Split rest = Splits.holdout(all, 0.2, 7);
        Splits.Split fit = Splits.holdout(rest.train(), 0.25, 7);
        Dataset train = fit.train(), validation = fit.holdout(), test = rest.holdout();

        // The normalization learns means and deviations from the training rows only, and is applied to all three.
        Normalizer norm = Normalizer.fit(Normalizer.Kind.STANDARD, train.features());

        Network net = Network.builder().input(4).dense(16, RELU).dense(3, SOFTMAX).loss(Loss.CROSS_ENTROPY).build();
        TrainingResult r = Trainer.builder().epochs(200).batchSize(16).learningRate(0.01).optimizer(Adam.adam(0))
                .earlyStopping(10).build()
                .fit(net, norm.apply(train), norm.apply(validation));   // early stopping watches validation only
        System.out.println("best epoch " + r.bestEpoch() + " of " + r.history().size());

        // The test rows, untouched until now: the accuracy to report.
        System.out.print(Evaluation.of(net, norm.apply(test)).report());

        ModelFile.save(new Model(net, norm, all.classNames()), Path.of("iris.safetensors"));
        Model.Prediction p = ModelFile.load(Path.of("iris.safetensors")).classify(new float[] {5.1f, 3.5f, 1.4f, 0.2f});
        System.out.println("5.1, 3.5, 1.4, 0.2 -> " + p.className());
    }
}
