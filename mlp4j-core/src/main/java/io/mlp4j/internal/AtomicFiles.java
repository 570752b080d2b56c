package io.mlp4j.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place mlp4j writes files, so that a crash never leaves a half-written file where a good one was: write a
 * temporary file in the same directory, flush it to disk, then publish it under the target's name in one step.
 *
 * <ul>
 * <li>{@link IfExists#REPLACE} renames the temporary file over the target. {@link IfExists#FAIL} never replaces a file:
 * it publishes with a hard link, which the file system creates only if the name is free (or, where links are not
 * supported, a rename without replacement), so a file that appeared while the content was being produced (another
 * run writing the same name) is kept and the write fails with a {@link FileAlreadyExistsException}.</li>
 * <li>The temporary files being written are tracked, and a shutdown hook deletes them: Ctrl-C or a SIGTERM during a
 * save leaves no hidden {@code .name.NNN.tmp} file beside the target (a SIGKILL still can).</li>
 * <li>Errors name the target, never the temporary file.</li>
 * </ul>
 */
public final class AtomicFiles {
    /** What a write does when the target already exists. */
    public enum IfExists {
        /** Replace it (atomically): the previous content stays intact until the new one is complete. */
        REPLACE,
        /** Keep it and fail, checked again when the finished file is published. */
        FAIL
    }

    /** A file's content, written once into the open temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private static final Object LOCK = new Object();
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static boolean shuttingDown; // guarded by LOCK

    /** Installed on first use: deletes the temporary files of writes the JVM's shutdown interrupts. */
    private static final class ShutdownHook {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (LOCK) {
                    shuttingDown = true; // no new temporary file from here on
                }
                deleteInFlight();
            }, "mlp4j-delete-temporary-files"));
        }

        static void install() {
        }
    }

    private AtomicFiles() {
    }

    /** Writes {@code content} atomically, replacing the target if it exists. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, IfExists.REPLACE, ByteBuffer.wrap(content));
    }

    /** Writes the buffers in order, atomically, replacing the target if it exists. */
    public static void write(Path target, ByteBuffer... content) throws IOException {
        write(target, IfExists.REPLACE, content);
    }

    /** Writes the buffers in order, atomically; {@code ifExists} says whether an existing target may be replaced. */
    public static void write(Path target, IfExists ifExists, ByteBuffer... content) throws IOException {
        write(target, ifExists, ch -> {
            for (ByteBuffer b : content) {
                while (b.hasRemaining()) ch.write(b);
            }
        });
    }

    /**
     * Writes what {@code content} produces, atomically; {@code ifExists} says whether an existing target may be
     * replaced. An exception from {@code content} abandons the write: the target is left as it was.
     */
    public static void write(Path target, IfExists ifExists, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        checkTarget(target, absolute, ifExists);
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FileSystemException(target.toString(), null, "cannot create its directory " + dir + ": "
                    + directoryProblem(dir, e));
        }
        Path tmp = createTemporary(target, dir, absolute.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(new NamedChannel(ch, target));
                try {
                    ch.force(true);
                    keepUsualPermissions(tmp, absolute);
                } catch (IOException e) {
                    throw new IOException("cannot write " + target + ": " + reason(e), e);
                }
            } catch (FileSystemException e) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
            publish(tmp, target, absolute, ifExists);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                IN_FLIGHT.remove(tmp);
            }
        }
    }

    /**
     * Checks, writing nothing that stays, that {@code target} could be written now: it is not a directory or a
     * device, it does not exist if {@code ifExists} is {@link IfExists#FAIL}, and a file can be created in the nearest
     * existing folder on its path (the rest of the path is created when the file is written). Programs call this
     * before long work whose result goes to {@code target}. Each problem is a {@link FileSystemException} naming the
     * target.
     */
    public static void checkWritable(Path target, IfExists ifExists) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        checkTarget(target, absolute, ifExists);
        Path existing = target.getParent(); // named as the caller wrote it, where it can be
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) existing = absolute.getParent();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) throw new FileSystemException(target.toString(), null, "no folder on its path exists");
        if (!Files.isDirectory(existing)) {
            throw new FileSystemException(target.toString(), null, existing + " is a file, not a folder");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".mlp4j-write-check.", ".tmp"));
        } catch (IOException e) {
            throw new FileSystemException(target.toString(), null, "cannot create a file in " + existing + " ("
                    + reason(e) + ")");
        }
    }

    private static void checkTarget(Path target, Path absolute, IfExists ifExists) throws IOException {
        if (Files.isDirectory(absolute)) throw new FileSystemException(target.toString(), null, "is a directory, not a file");
        if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) return;
        if (ifExists == IfExists.FAIL) throw new FileAlreadyExistsException(target.toString(), null, "exists");
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            // renaming over /dev/null would replace the device with a regular file
            throw new FileSystemException(target.toString(), null, "is not a regular file (a device, pipe or socket)");
        }
    }

    /** A tracked temporary file: {@code .name.NNN.tmp} in the target's directory. */
    private static Path createTemporary(Path target, Path dir, String name) throws IOException {
        ShutdownHook.install();
        synchronized (LOCK) {
            if (shuttingDown) throw new IOException("cannot write " + target + ": the program is shutting down");
            Path tmp;
            try {
                tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": cannot create a file in " + dir + " (" + reason(e) + ")", e);
            }
            IN_FLIGHT.add(tmp);
            return tmp;
        }
    }

    private static void publish(Path tmp, Path target, Path absolute, IfExists ifExists) throws IOException {
        try {
            if (ifExists == IfExists.REPLACE) {
                try {
                    Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            }
            try {
                Files.createLink(absolute, tmp); // link(2): fails if the name exists, atomically
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.move(tmp, absolute); // no hard links here: a rename that refuses an existing target
            }
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target.toString(), null, "was created by something else while this was"
                    + " being written; it was kept and nothing was written");
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** What stops a directory from being created: usually a file where a folder should be. */
    private static String directoryProblem(Path dir, IOException e) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) return p + " is a file, not a folder";
        }
        return reason(e);
    }

    /** The reason of a file-system error, without the file names (which may be a temporary file's). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileAlreadyExistsException) return "a file of that name exists";
        if (e instanceof FileSystemException fs) return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * A temporary file is created readable by its owner only; the finished file gets the permissions the file it
     * replaces had, or rw-r--r-- for a new one, like a file written directly.
     */
    private static void keepUsualPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** The channel handed to {@link Content}: its I/O errors (a full disk) name the target. */
    private record NamedChannel(FileChannel ch, Path target) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            try {
                return ch.write(src);
            } catch (IOException e) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
        }

        @Override
        public boolean isOpen() {
            return ch.isOpen();
        }

        @Override
        public void close() {
            // the write closes the file once the content is complete
        }
    }

    /** The temporary files being written now (for tests). */
    static Set<Path> inFlight() {
        return Set.copyOf(IN_FLIGHT);
    }

    /** Deletes the temporary files being written now: what the shutdown hook does. */
    static void deleteInFlight() {
        for (Path tmp : IN_FLIGHT) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException e) {
                // best effort while the JVM exits
            }
        }
    }
}
