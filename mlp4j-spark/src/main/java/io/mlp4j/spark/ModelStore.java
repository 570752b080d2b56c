package io.mlp4j.spark;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Spark ML persistence of a trained model: the params in Spark's own metadata format ({@code path/metadata}, so
 * {@code PipelineModel.load} finds the class), and the weights as an ordinary mlp4j model file
 * ({@code path/model.safetensors}) that {@code mlp4j evaluate}, {@code predict} and {@code serve} read. The path may be
 * on any file system Hadoop knows (local, HDFS, S3, …): the file is written locally and copied there.
 */
final class ModelStore {
    static final String WEIGHTS = "model.safetensors";

    private ModelStore() {
    }

    static void save(Params stage, Model model, String path, SparkSession spark) {
        DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, spark);
        try {
            Path local = Files.createTempFile("mlp4j-spark", ".safetensors");
            try {
                ModelFile.save(model, local, true);
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, WEIGHTS);
                FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + path + ": " + e.getMessage(), e);
        }
    }

    /** The saved params' uid and values. */
    private static DefaultParamsReader.Metadata metadata(String path, SparkSession spark) {
        return DefaultParamsReader$.MODULE$.loadMetadata(path, spark);
    }

    private static Model load(String path, SparkSession spark) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, WEIGHTS);
        try {
            Path local = Files.createTempFile("mlp4j-spark", ".safetensors");
            try {
                FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
                fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
                return ModelFile.load(local);
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model from " + source + ": " + e.getMessage(), e);
        }
    }

    /** A stage's {@code write()}: its params and {@code model} (asked for when saved). */
    static MLWriter writer(Params stage, Supplier<Model> model) {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                ModelStore.save(stage, model.get(), path, sparkSession());
            }
        };
    }

    /** A model class's {@code read()}: {@code make} builds the model from the saved uid and network, then its params are set. */
    static <M extends Params> MLReader<M> reader(BiFunction<String, TrainedNetwork, M> make) {
        return new MLReader<>() {
            @Override
            public M load(String path) {
                DefaultParamsReader.Metadata metadata = metadata(path, sparkSession());
                M m = make.apply(metadata.uid(), TrainedNetwork.of(ModelStore.load(path, sparkSession()).network()));
                metadata.getAndSetParams(m, Option.empty());
                return m;
            }
        };
    }

    static List<String> numberedClasses(int k) {
        return io.mlp4j.data.Dataset.numberedClasses(k);
    }
}
