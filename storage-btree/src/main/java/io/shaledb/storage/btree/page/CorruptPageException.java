package io.shaledb.storage.btree.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A page read from disk failed verification: its CRC-32C does not match, it claims to be another
 * page, or its header is malformed. The message names the file and the page number; the engine
 * never returns data from such a page.
 */
public final class CorruptPageException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int pageId;

    public CorruptPageException(Path file, int pageId, String problem) {
        super(file + ": page " + pageId + " is corrupt: " + problem, new IOException(problem));
        this.file = file;
        this.pageId = pageId;
    }

    public Path file() {
        return file;
    }

    public int pageId() {
        return pageId;
    }
}
