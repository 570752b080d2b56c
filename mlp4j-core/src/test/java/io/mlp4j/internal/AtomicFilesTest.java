package io.mlp4j.internal;

import io.mlp4j.internal.AtomicFiles.IfExists;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Writes that never clobber unless asked, leave no temporary file behind, and name the user's path in errors. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(tmp)) {
            return files.sorted().toList();
        }
    }

    @Test
    void failModeKeepsAnExistingFile() throws Exception {
        Path f = tmp.resolve("out.csv");
        Files.writeString(f, "precious");
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.write(f, IfExists.FAIL, text("new")));
        assertEquals(f + ": exists", e.getMessage());
        assertEquals("precious", Files.readString(f));
        assertEquals(List.of(f), listing(), "no temporary file left");
        AtomicFiles.write(f, IfExists.REPLACE, text("new"));
        assertEquals("new", Files.readString(f));
    }

    @Test
    void aFileThatAppearsWhileWritingIsKeptAtTheRename() throws Exception {
        Path f = tmp.resolve("model.safetensors");
        // Another run creates the same file after this write started (after the check at the start).
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.write(f, IfExists.FAIL, ch -> {
                    ch.write(text("mine"));
                    Files.writeString(f, "theirs");
                }));
        assertEquals(f + ": was created by something else while this was being written; it was kept and nothing was"
                + " written", e.getMessage());
        assertEquals("theirs", Files.readString(f));
        assertEquals(List.of(f), listing(), "no temporary file left");
        assertTrue(AtomicFiles.inFlight().isEmpty());
    }

    @Test
    void temporaryFilesAreTrackedAndTheShutdownCleanupDeletesThem() throws Exception {
        Path f = tmp.resolve("model.safetensors");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, IfExists.FAIL, ch -> {
            ch.write(text("half a model"));
            Set<Path> inFlight = AtomicFiles.inFlight();
            assertEquals(1, inFlight.size(), inFlight.toString());
            Path temporary = inFlight.iterator().next();
            assertEquals(tmp, temporary.getParent());
            assertTrue(temporary.getFileName().toString().startsWith(".model.safetensors."), temporary.toString());
            assertTrue(Files.exists(temporary));
            AtomicFiles.deleteInFlight(); // what the shutdown hook runs on Ctrl-C or SIGTERM
            assertFalse(Files.exists(temporary));
        }));
        assertEquals(List.of(), listing(), "neither the model nor its temporary file");
        assertTrue(AtomicFiles.inFlight().isEmpty());
    }

    @Test
    void aFailingContentLeavesTheTargetAsItWas() throws Exception {
        Path f = tmp.resolve("data.gz");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, IfExists.REPLACE, ch -> {
            ch.write(text("partial"));
            throw new IOException("checksum mismatch");
        }));
        assertEquals("checksum mismatch", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), listing());
    }

    @Test
    void errorsNameTheTargetNotTheTemporaryFile() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "x");
        Path under = file.resolve("sub").resolve("m.safetensors");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(under, IfExists.FAIL, text("m")));
        assertEquals(under + ": cannot create its directory " + under.getParent() + ": " + file + " is a file, not a folder",
                e.getMessage());
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        Path proc = Path.of("/proc/m.safetensors");
        e = assertThrows(IOException.class, () -> AtomicFiles.write(proc, IfExists.FAIL, text("m")));
        assertTrue(e.getMessage().startsWith("cannot write /proc/m.safetensors: cannot create a file in /proc ("), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
    }

    @Test
    void checkWritableFindsEveryBadOutputWithoutWritingAnything() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "x");
        Path deep = tmp.resolve("new").resolve("deeper").resolve("m.safetensors");
        AtomicFiles.checkWritable(deep, IfExists.FAIL);
        assertEquals(List.of(file), listing(), "nothing created, not even the folders");

        assertEquals(tmp + ": is a directory, not a file", message(tmp, IfExists.REPLACE));
        assertEquals(file + ": exists", message(file, IfExists.FAIL));
        AtomicFiles.checkWritable(file, IfExists.REPLACE);
        Path under = file.resolve("m.safetensors");
        assertEquals(under + ": " + file + " is a file, not a folder", message(under, IfExists.FAIL));
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc and /dev");
        assertTrue(message(Path.of("/proc/m"), IfExists.FAIL).startsWith("/proc/m: cannot create a file in /proc ("));
        assertEquals("/dev/null: is not a regular file (a device, pipe or socket)", message(Path.of("/dev/null"), IfExists.REPLACE));
    }

    private static String message(Path target, IfExists ifExists) {
        return assertThrows(FileSystemException.class, () -> AtomicFiles.checkWritable(target, ifExists)).getMessage();
    }

    @Test
    void inputFilesNameWhatIsWrongWithThePath() throws Exception {
        Path empty = tmp.resolve("empty.csv");
        Files.createFile(empty);
        assertEquals(tmp + ": is a directory, not a file", inputError(tmp));
        assertEquals(empty + ": is empty (0 bytes)", inputError(empty));
        assertThrows(NoSuchFileException.class, () -> io.mlp4j.data.InputFiles.requireReadable(tmp.resolve("none")));
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertEquals("/dev/null: is not a regular file (a device, pipe or socket)", inputError(Path.of("/dev/null")));
    }

    private static String inputError(Path p) {
        return assertThrows(FileSystemException.class, () -> io.mlp4j.data.InputFiles.requireReadable(p)).getMessage();
    }
}
