package io.mlp4j.cli.serve;

import io.mlp4j.model.Model;

import java.io.IOException;

/**
 * What the server serves: the model, its description for {@code GET /v1/model} (JSON, made once), and how to turn an
 * image body into an input row (null when the model does not take images). The CLI supplies the last two, so this
 * package does not depend on how the CLI reads model files and images.
 */
public record ServedModel(Model model, String description, ImageDecoder images) {

    /** A PNG or JPEG request body made into one input row. */
    @FunctionalInterface
    public interface ImageDecoder {
        /** The input row, or null when the picture is blank (one flat colour): nothing to classify. */
        float[] decode(byte[] body) throws IOException;
    }
}
