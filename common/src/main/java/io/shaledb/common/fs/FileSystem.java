package io.shaledb.common.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam between every durable component and the disk. Production code uses
 * {@link RealFileSystem}; crash tests use {@link CrashSimulatingFileSystem}, which can lose
 * everything that was not synced, tear writes and inject faults.
 *
 * <p>Durability rules (the Linux rules, which the crash simulator enforces): file contents are
 * durable after {@link FileHandle#sync()}; a create, rename or delete is durable only after
 * {@link #syncDirectory(Path)} on the directory (or directories) it changed. A rename is atomic: after
 * a crash exactly one of the old and the new name exists.
 */
public interface FileSystem {

    /** Opens a file; see {@link OpenMode} for how missing and existing files are treated. */
    FileHandle open(Path path, OpenMode mode) throws IOException;

    /** The entries (files and directories) directly inside {@code dir}, sorted by name. */
    List<Path> list(Path dir) throws IOException;

    /** Deletes a file or an empty directory; missing: {@link java.nio.file.NoSuchFileException}. */
    void delete(Path path) throws IOException;

    /** Deletes a file if it exists, returning whether it did. */
    boolean deleteIfExists(Path path) throws IOException;

    /** Atomically renames {@code source} to {@code target}, replacing {@code target} if it exists. */
    void rename(Path source, Path target) throws IOException;

    /** Creates a directory and any missing parents; an existing directory is fine. */
    void createDirectories(Path dir) throws IOException;

    boolean exists(Path path) throws IOException;

    boolean isDirectory(Path path) throws IOException;

    /** Makes the creates, renames and deletes of entries in {@code dir} durable ({@code fsync} on the directory). */
    void syncDirectory(Path dir) throws IOException;
}
