package io.mlp4j.data;

import java.io.IOException;

/**
 * A data or model file whose content is wrong: the message names the file, the place (line, column, field, offset)
 * and what is wrong, in one line. Readers throw this and plain {@link IOException}s for I/O failures, nothing else.
 */
public class InvalidDataException extends IOException {
    public InvalidDataException(String message) {
        super(message);
    }

    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
