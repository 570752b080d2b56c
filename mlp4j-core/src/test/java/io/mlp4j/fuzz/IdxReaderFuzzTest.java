package io.mlp4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mlp4j.data.IdxReader;
import io.mlp4j.data.InvalidDataException;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the IDX reader (Jazzer): any input must either parse or fail with the documented
 * {@link InvalidDataException}; any other exception, a hang or an OutOfMemoryError is a finding. In {@code mvn verify}
 * it fuzzes a bounded number of inputs (see the pom); the inputs in the resources folder of the same name are
 * replayed as regression tests on every run.
 */
class IdxReaderFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void imagesAndLabels(byte[] input) throws IOException {
        try {
            IdxReader.readImages(new ByteArrayInputStream(input), "fuzz.idx");
        } catch (InvalidDataException expected) {
            // the documented error
        }
        try {
            IdxReader.readLabels(new ByteArrayInputStream(input), "fuzz.idx");
        } catch (InvalidDataException expected) {
            // the documented error
        }
    }
}
