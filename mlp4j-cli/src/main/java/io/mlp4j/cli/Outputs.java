package io.mlp4j.cli;

import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.internal.AtomicFiles.IfExists;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files one command run writes, and the rule they all obey: an output never replaces an existing file unless
 * {@code --force} is given. The rule is checked when the command starts, before any data is loaded, and again when
 * each finished file is put in place ({@link AtomicFiles.IfExists#FAIL}), so a file that appears at the same path
 * meanwhile (another run) is kept. Two outputs of one run may not be the same file, and every output location must be
 * writable: these are found before the first epoch, with the option and the path named, not after hours of training.
 */
final class Outputs {
    private final CommandSpec spec;
    private final boolean force;
    /** Normalized absolute path → the option that names it. */
    private final Map<Path, String> options = new LinkedHashMap<>();
    private final Map<String, Path> files = new LinkedHashMap<>();

    Outputs(CommandSpec spec, boolean force) {
        this.spec = spec;
        this.force = force;
    }

    /** What a write does when its file exists: replace it only with --force. */
    IfExists ifExists() {
        return force ? IfExists.REPLACE : IfExists.FAIL;
    }

    /** Adds an output file (none when {@code file} is null): a usage error if another output has the same path. */
    Outputs file(String option, Path file) {
        if (file == null) return this;
        Path key = file.toAbsolutePath().normalize();
        String other = options.putIfAbsent(key, option);
        if (other != null) {
            throw new ParameterException(spec.commandLine(), option + " " + file + " is also " + other
                    + ": two outputs of one run cannot be the same file");
        }
        files.put(option, file);
        return this;
    }

    /**
     * Checks every output: not a directory or device, creatable where it is, and, without --force, not already there.
     * Throws an IOException whose one-line message names the option and the path.
     */
    void check() throws IOException {
        for (Map.Entry<String, Path> f : files.entrySet()) {
            try {
                AtomicFiles.checkWritable(f.getValue(), ifExists());
            } catch (FileAlreadyExistsException e) {
                throw new IOException(f.getValue() + " exists: add --force to overwrite it, or choose " + f.getKey() + " FILE");
            } catch (FileSystemException e) {
                throw new IOException(f.getKey() + " " + e.getMessage());
            }
        }
    }

    /**
     * Checks the checkpoint folder of a training run: a folder (or one that can be created), and, unless the run
     * resumes it or --force starts over, without a previous run's checkpoint to overwrite. Its checkpoint file counts
     * as an output, so no other output may have its path.
     */
    void checkpointDir(Path dir, boolean resume) throws IOException {
        if (dir == null) return;
        Path checkpoint = io.mlp4j.io.Checkpoints.file(dir);
        file("--checkpoint-dir", checkpoint);
        files.remove("--checkpoint-dir"); // checked here: it may exist when resuming, and is replaced every epoch
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("--checkpoint-dir " + dir + " is a file, not a folder: name a folder for the checkpoints");
        }
        if (!resume && !force && Files.exists(checkpoint)) {
            throw new IOException("--checkpoint-dir " + dir + " holds the checkpoint of an earlier run: add --resume to"
                    + " continue it, --force to start over and replace it, or choose another --checkpoint-dir");
        }
        try {
            AtomicFiles.checkWritable(checkpoint, IfExists.REPLACE);
        } catch (FileSystemException e) {
            throw new IOException("--checkpoint-dir " + e.getMessage());
        }
    }

    /** One write of a file. */
    @FunctionalInterface
    interface Write {
        void to(IfExists ifExists) throws IOException;
    }

    /**
     * Writes an output with the no-clobber rule; a file that appeared at its path since the start is kept, and the
     * error says so, naming the option.
     */
    void write(String option, Write write) throws IOException {
        Path file = files.get(option);
        try {
            write.to(ifExists());
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " was created by something else during this run (another run?) and was kept;"
                    + " nothing was written there: add --force to overwrite it, or choose " + option + " FILE");
        }
    }
}
