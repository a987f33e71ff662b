package io.shaledb.storage;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;

/**
 * Stored data failed a check (a checksum, a magic number, a structural invariant). Engines throw a
 * subclass naming the file and the place (page, block, offset) so an operator can find it; callers
 * report it and never substitute other data. Layers above map it to their protocol's own
 * "data corrupted" error (SQLSTATE XX001 in SQL).
 */
public class CorruptDataException extends UncheckedIOException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CorruptDataException(String message) {
        super(message, new IOException(message));
    }

    public CorruptDataException(String message, IOException cause) {
        super(message, cause);
    }
}
