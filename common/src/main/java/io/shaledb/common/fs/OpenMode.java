package io.shaledb.common.fs;

/** How {@link FileSystem#open(java.nio.file.Path, OpenMode)} treats an existing or missing file. */
public enum OpenMode {
    /** Open an existing file for reading only; missing file: {@link java.nio.file.NoSuchFileException}. */
    READ,
    /** Open an existing file for reading and writing; missing file: {@link java.nio.file.NoSuchFileException}. */
    READ_WRITE,
    /** Open for reading and writing, creating the file (empty) if it does not exist. */
    CREATE,
    /** Create a new empty file for reading and writing; existing file: {@link java.nio.file.FileAlreadyExistsException}. */
    CREATE_NEW;

    public boolean writable() {
        return this != READ;
    }
}
