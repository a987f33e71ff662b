package io.shaledb.storage;

import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;

/**
 * The engine stopped itself after an I/O failure (a full disk, a failed sync) left its in-memory
 * state uncertain, and refuses every call until it is reopened, which recovers from what is on
 * disk. Nothing acknowledged before the failure is lost; this is fail-stop, not corruption.
 */
public class EngineStoppedException extends UncheckedIOException {
    @Serial
    private static final long serialVersionUID = 1L;

    public EngineStoppedException(String message, Throwable failure) {
        super(message, failure instanceof IOException io ? io : new IOException(String.valueOf(failure), failure));
    }
}
