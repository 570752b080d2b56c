package io.mlp4j.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The check every reader makes before opening a file, so that each way a path can be wrong gets its own message
 * naming the path: missing, a directory, a device or pipe (such as {@code /dev/null}), empty, or unreadable.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /** Returns {@code file} if it is a non-empty regular file this process may read; otherwise throws, naming it. */
    public static Path requireReadable(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        if (!Files.exists(file)) throw new NoSuchFileException(file + " (no such file)");
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(file.toString(), null, "is not a regular file (a device, pipe or socket)");
        }
        if (!Files.isReadable(file)) throw new AccessDeniedException(file.toString());
        if (Files.size(file) == 0) throw new FileSystemException(file.toString(), null, "is empty (0 bytes)");
        return file;
    }
}
