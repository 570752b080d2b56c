package io.mlp4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mlp4j.data.CsvReader;
import io.mlp4j.data.InvalidDataException;

import java.io.IOException;

/**
 * Coverage-guided fuzzing of the CSV reader: any text must parse or fail with {@link InvalidDataException}.
 * The fuzzer also picks the header flag and the label column (by name or index).
 */
class CsvReaderFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void anyText(FuzzedDataProvider data) throws IOException {
        boolean header = data.consumeBoolean();
        boolean classification = data.consumeBoolean();
        String column = data.consumeBoolean() ? Integer.toString(data.consumeInt(-5, 5)) : data.consumeString(8);
        String text = data.consumeRemainingAsString();
        CsvReader reader = classification ? CsvReader.classification().label(column) : CsvReader.regression().targets(column);
        try {
            reader.header(header).read(text, "fuzz.csv");
        } catch (InvalidDataException expected) {
            // the documented error
        }
    }
}
