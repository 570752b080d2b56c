package io.mlp4j.cli;

import io.mlp4j.data.IdxReader;

import java.util.List;
import java.util.Locale;

/** The data sets `datasets download` knows: where they are published, and the size and SHA-256 of each file. */
enum KnownDatasets {
    MNIST("mnist", "handwritten digits, 60,000 train / 10,000 test, 28×28",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
            List.of(file("train-images-idx3-ubyte.gz", 9_912_422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                    file("train-labels-idx1-ubyte.gz", 28_881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                    file("t10k-images-idx3-ubyte.gz", 1_648_877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    file("t10k-labels-idx1-ubyte.gz", 4_542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
            null),
    FASHION_MNIST("fashion-mnist", "Zalando's clothing images, 60,000 train / 10,000 test, 28×28",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            List.of(file("train-images-idx3-ubyte.gz", 26_421_880, "08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc"),
                    file("train-labels-idx1-ubyte.gz", 29_515, "b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc"),
                    file("t10k-images-idx3-ubyte.gz", 4_422_102, "78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229"),
                    file("t10k-labels-idx1-ubyte.gz", 5_148, "42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf")),
            IdxReader.FASHION_MNIST_CLASSES);

    /**
     * One published file, its size in bytes and its SHA-256 (as published alongside torchvision's and TensorFlow's
     * loaders). A download stops at the size: a server sending more is not sending this file.
     */
    record RemoteFile(String name, long size, String sha256) {
    }

    /** What a download needs: a cache folder name, where the files are published, and their checksums. */
    record Source(String id, String baseUrl, List<RemoteFile> files) {
    }

    Source source() {
        return new Source(id, baseUrl, files);
    }

    final String id;
    final String description;
    final String baseUrl;
    final List<RemoteFile> files;
    /** Class names, or null for plain numbers. */
    final List<String> classNames;

    KnownDatasets(String id, String description, String baseUrl, List<RemoteFile> files, List<String> classNames) {
        this.id = id;
        this.description = description;
        this.baseUrl = baseUrl;
        this.files = files;
        this.classNames = classNames;
    }

    private static RemoteFile file(String name, long size, String sha256) {
        return new RemoteFile(name, size, sha256);
    }

    static KnownDatasets byId(String id) {
        for (KnownDatasets d : values()) {
            if (d.id.equals(id.toLowerCase(Locale.ROOT))) return d;
        }
        throw new IllegalArgumentException("unknown data set '" + id + "' (expected one of "
                + java.util.Arrays.stream(values()).map(d -> d.id).toList() + ")");
    }
}
