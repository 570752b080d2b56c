package io.mlp4j.cli;

import io.mlp4j.data.CsvReader;
import io.mlp4j.data.DataChecks;
import io.mlp4j.data.Dataset;
import io.mlp4j.data.IdxReader;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.model.ModelInput;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a command's data comes from: an IDX directory, a known data set (downloaded and cached), CSV files, or,
 * with none of these, the MNIST-10k set embedded in the jar.
 */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory of IDX files with the MNIST names (train-images-idx3-ubyte[.gz], …).")
    Path dataDir;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist or fashion-mnist: downloaded once, checked, and cached (see `datasets`).")
    String dataset;

    @Option(names = "--train", paramLabel = "FILE.csv", description = "Training data as CSV (needs --label).")
    Path trainCsv;

    @Option(names = "--test", paramLabel = "FILE.csv", description = "Test data as CSV (needs --label).")
    Path testCsv;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The CSV label (or target) column: a header name or a 0-based index; -1 is the last.")
    String label;

    @Option(names = "--regression", description = "CSV targets are numbers to predict, not classes.")
    boolean regression;

    @Option(names = "--no-header", description = "The CSV files have no header line.")
    boolean noHeader;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where downloaded data sets are kept (default ~/.mlp4j/datasets).")
    Path cacheDir;

    @Option(names = "--mirror", paramLabel = "URL", description = "Base URL to download data sets from (or MLP4J_MIRROR).")
    String mirror;

    /**
     * Loaded data: train and test (either may be null when not asked for), what it is, the shape of one sample
     * (images of a size, or a table's columns), and the test file's name for messages.
     */
    record Loaded(Dataset train, Dataset test, String description, ModelInput input, String testSource) {
        /** The side of square images, or 0 for other data. */
        int imageSide() {
            return input instanceof ModelInput.Image i && i.height() == i.width() ? i.height() : 0;
        }
    }

    boolean isCsv() {
        return trainCsv != null || testCsv != null;
    }

    /**
     * Checks the data options before anything is loaded, as usage errors (exit 2): one source, complete CSV options,
     * label or target columns that each CSV file's first line has, a known data set, a well-formed mirror URL. A
     * missing or unreadable file is an error (exit 1) found here too.
     */
    void check(CommandSpec spec, boolean needTrain) throws IOException {
        int sources = (dataDir != null ? 1 : 0) + (dataset != null ? 1 : 0) + (isCsv() ? 1 : 0);
        if (sources > 1) throw usage(spec, "choose one data source: --data, --dataset or --train/--test");
        if (isCsv()) {
            if (needTrain && trainCsv == null) throw usage(spec, "--test needs --train to train on");
            if (label == null) throw usage(spec, "CSV data needs --label COLUMN (a header name or an index)");
            for (Path csv : new Path[] {trainCsv, testCsv}) {
                if (csv == null) continue;
                try {
                    reader(null, null, !noHeader).checkColumns(csv);
                } catch (CsvReader.UnknownColumnException e) {
                    throw usage(spec, "--label " + label + ": " + e.getMessage());
                }
            }
        }
        if (dataset != null) {
            try {
                KnownDatasets.byId(dataset);
            } catch (IllegalArgumentException e) {
                throw usage(spec, "--dataset: " + e.getMessage());
            }
            mirror(spec);
        }
        if (dataDir != null) checkIdxDir(dataDir);
    }

    /** The mirror to download from: --mirror, else MLP4J_MIRROR, else null; a malformed URL is a usage error. */
    String mirror(CommandSpec spec) {
        return checkedMirror(spec, mirror);
    }

    static String checkedMirror(CommandSpec spec, String option) {
        String m = option != null ? option : System.getenv(Downloader.MIRROR_VARIABLE);
        if (m == null || m.isBlank()) return null;
        try {
            Downloader.checkMirror(m);
        } catch (IllegalArgumentException e) {
            throw usage(spec, (option != null ? "--mirror: " : Downloader.MIRROR_VARIABLE + ": ") + e.getMessage());
        }
        return m;
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void checkIdxDir(Path dir) throws IOException {
        if (!Files.exists(dir)) throw new IOException("--data " + dir + ": no such folder");
        if (!Files.isDirectory(dir)) {
            throw new IOException("--data " + dir + " is a file: --data expects a folder of IDX files"
                    + " (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])");
        }
    }

    /**
     * Loads the data. {@code knownClasses} (a model's) fixes the class order for CSV labels; {@code needTrain} says
     * whether a training set is required.
     */
    Loaded load(boolean needTrain, List<String> knownClasses, PrintWriter log) throws IOException {
        return load(needTrain, knownClasses, null, log);
    }

    /**
     * Loads data for a model that expects {@code expected} (or null): CSV feature columns are then found by the
     * model's column names, and a model trained on a file without a header reads files without one.
     */
    Loaded load(boolean needTrain, List<String> knownClasses, ModelInput expected, PrintWriter log) throws IOException {
        int sources = (dataDir != null ? 1 : 0) + (dataset != null ? 1 : 0) + (isCsv() ? 1 : 0);
        if (sources > 1) throw new IllegalArgumentException("choose one data source: --data, --dataset or --train/--test");
        if (isCsv()) return loadCsv(needTrain, knownClasses, expected);
        if (dataDir != null) return loadIdxDir(dataDir, dataDir.toString(), null);
        if (dataset != null) {
            KnownDatasets known = KnownDatasets.byId(dataset);
            String m = mirror != null ? mirror : System.getenv(Downloader.MIRROR_VARIABLE);
            Path dir = new Downloader(log).ensure(known.source(), cacheDir != null ? cacheDir : Downloader.defaultCache(), m);
            return loadIdxDir(dir, known.id, known.classNames);
        }
        return embedded();
    }

    private Loaded loadCsv(boolean needTrain, List<String> knownClasses, ModelInput expected) throws IOException {
        if (needTrain && trainCsv == null) throw new IllegalArgumentException("--test needs --train to train on");
        if (label == null) throw new IllegalArgumentException("CSV data needs --label COLUMN (a header name or an index)");
        boolean header = !noHeader && !(expected instanceof ModelInput.Table t && !t.hasNames());
        Dataset train = trainCsv == null ? null : reader(knownClasses, expected, header).read(trainCsv);
        List<String> classes = knownClasses != null ? knownClasses : train != null ? train.classNames() : null;
        // The test file's columns are found by the training file's names (or the model's), in any order.
        ModelInput columns = expected != null ? expected : train != null ? table(train, header) : null;
        Dataset test = testCsv == null ? null : reader(classes, columns, header).read(testCsv);
        String what = (trainCsv != null ? trainCsv.getFileName().toString() : "")
                + (testCsv != null ? (trainCsv != null ? " + " : "") + testCsv.getFileName() : "");
        return new Loaded(train, test, what, table(train != null ? train : test, header),
                testCsv != null ? testCsv.getFileName().toString() : what);
    }

    private CsvReader reader(List<String> classes, ModelInput expected, boolean header) {
        CsvReader r = regression ? CsvReader.regression().targets(label.split(",")) : CsvReader.classification().label(label);
        if (!regression && classes != null) r.classes(classes);
        if (header && expected instanceof ModelInput.Table t && t.namesAreUnique()) r.features(t.features());
        return r.header(header);
    }

    /** A CSV data set's columns: by name with a header, by position without. */
    private ModelInput.Table table(Dataset data, boolean header) {
        List<String> targets = java.util.Arrays.stream(label.split(",")).map(String::trim).toList();
        return header ? ModelInput.Table.named(data.featureNames(), targets)
                : ModelInput.Table.positional(data.featureCount(), targets);
    }

    /** The four IDX files of a directory, each with or without .gz. */
    static Loaded loadIdxDir(Path dir, String description, List<String> classNames) throws IOException {
        checkIdxDir(dir);
        Path trainImages = idxFile(dir, "train-images-idx3-ubyte"), testImages = idxFile(dir, "t10k-images-idx3-ubyte");
        Path trainLabelsFile = idxFile(dir, "train-labels-idx1-ubyte"), testLabelsFile = idxFile(dir, "t10k-labels-idx1-ubyte");
        checkSizes(dir, trainImages, trainLabelsFile, testImages, testLabelsFile);
        int[] trainLabels = IdxReader.readLabels(trainLabelsFile), testLabels = IdxReader.readLabels(testLabelsFile);
        if (classNames == null) { // the labels are the class indices: a stray 200 must not make 201 classes
            DataChecks.requireContiguousClasses(trainLabels, trainLabelsFile.getFileName().toString(), testLabels,
                    testLabelsFile.getFileName().toString());
        }
        return images(() -> IdxReader.readImages(trainImages, trainLabels.length), trainLabels,
                () -> IdxReader.readImages(testImages, testLabels.length), testLabels, description,
                testImages.getFileName().toString(), classNames);
    }

    /**
     * From the four headers alone, before any body is read: each images file declares as many images as its labels
     * file has labels, and the images fit in the Java heap as floats (4 bytes a pixel, plus one split's raw bytes while
     * it is converted). A hostile or mistaken header is an error in milliseconds, not after gigabytes of reading.
     */
    private static void checkSizes(Path dir, Path trainImages, Path trainLabels, Path testImages, Path testLabels)
            throws IOException {
        int[] train = IdxReader.dimensions(trainImages), test = IdxReader.dimensions(testImages);
        int[] trainCount = IdxReader.dimensions(trainLabels), testCount = IdxReader.dimensions(testLabels);
        if (train.length != 3 || test.length != 3 || trainCount.length != 1 || testCount.length != 1) return; // the readers say which is which
        for (Path[] pair : new Path[][] {{trainImages, trainLabels}, {testImages, testLabels}}) {
            int images = (pair[0] == trainImages ? train : test)[0], labels = (pair[0] == trainImages ? trainCount : testCount)[0];
            if (images != labels) {
                throw new InvalidDataException(pair[0].getFileName() + " declares " + images + " images but "
                        + pair[1].getFileName() + " declares " + labels + " labels: the files do not belong together");
            }
        }
        long trainPixels = (long) train[0] * train[1] * train[2], testPixels = (long) test[0] * test[1] * test[2];
        long need = 4 * (trainPixels + testPixels) + Math.max(trainPixels, testPixels);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap) {
            throw new IOException(dir + ": the IDX headers declare " + train[0] + " + " + test[0] + " images of " + train[1]
                    + "×" + train[2] + ", about " + (need >> 20) + " MB in memory, more than the Java heap's " + (heap >> 20)
                    + " MB: give the JVM more (e.g. MLP4J_JAVA_OPTS=-Xmx" + ((need >> 30) + 2) + "g) or use fewer images");
        }
    }

    /** Reads one images file when asked, so that only one split's raw bytes are in memory at a time. */
    private interface ImagesSource {
        IdxReader.Images read() throws IOException;
    }

    private static Path idxFile(Path dir, String name) throws NoSuchFileException {
        for (String candidate : new String[] {name + ".gz", name}) {
            if (Files.isRegularFile(dir.resolve(candidate))) return dir.resolve(candidate);
        }
        throw new NoSuchFileException(dir.resolve(name) + "[.gz] (no such file)");
    }

    /**
     * Each split's bytes are turned into float rows before the next split is read: Fashion-MNIST's training images are
     * 47 MB of bytes and 188 MB of floats, and holding both splits' bytes beside the floats had put W2's largest live
     * heap at about 300 MB (docs/benchmarks.md).
     */
    private static Loaded images(ImagesSource trainSource, int[] trainLabels, ImagesSource testSource, int[] testLabels,
                                 String description, String testName, List<String> classNames) throws IOException {
        int classes = classNames != null ? classNames.size() : 1 + Math.max(max(trainLabels), max(testLabels));
        IdxReader.Images trainImages = trainSource.read();
        Dataset train = IdxReader.dataset(trainImages, trainLabels, classes, "training images and labels", classNames);
        int rows = trainImages.rows(), columns = trainImages.columns();
        trainImages = null; // the bytes can go before the test split is read
        IdxReader.Images testImages = testSource.read();
        Dataset test = IdxReader.dataset(testImages, testLabels, classes, "test images and labels", classNames);
        if (testImages.rows() != rows || testImages.columns() != columns) { // 14×56 has as many pixels as 28×28
            throw new InvalidDataException(description + ": training images are " + rows + "×" + columns
                    + " but test images are " + testImages.rows() + "×" + testImages.columns());
        }
        return new Loaded(train, test, description, new ModelInput.Image(rows, columns, 1), testName);
    }

    /** MNIST-10k from the jar: 8,000 training and 2,000 test digits. */
    static Loaded embedded() throws IOException {
        return images(() -> IdxReader.readImages(resource("train-images-idx3-ubyte.gz"), "embedded train-images"),
                IdxReader.readLabels(resource("train-labels-idx1-ubyte.gz"), "embedded train-labels"),
                () -> IdxReader.readImages(resource("t10k-images-idx3-ubyte.gz"), "embedded t10k-images"),
                IdxReader.readLabels(resource("t10k-labels-idx1-ubyte.gz"), "embedded t10k-labels"),
                "MNIST-10k (embedded)", "embedded t10k-images", null);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DataOptions.class.getResourceAsStream("mnist-10k/" + name);
        if (in == null) throw new IOException("the embedded data file " + name + " is missing from the jar");
        return in;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) m = Math.max(m, x);
        return m;
    }
}
