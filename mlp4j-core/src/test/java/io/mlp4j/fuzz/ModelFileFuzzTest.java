package io.mlp4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.io.ModelFile;

/**
 * Coverage-guided fuzzing of the model-file reader: any bytes must load or fail with {@link InvalidDataException}.
 * The seed input in the resources folder is a real model file, so the fuzzer starts from the valid format.
 */
class ModelFileFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void anyBytes(byte[] input) {
        try {
            ModelFile.load(input, "fuzz.safetensors");
        } catch (InvalidDataException expected) {
            // the documented error
        }
    }
}
