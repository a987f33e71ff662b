package io.shaledb.sql;

/**
 * Where a session stands between queries, as the PostgreSQL protocol reports it in every
 * ReadyForQuery message (so psql can show {@code =*>} or {@code =!>} in its prompt).
 */
public enum TransactionStatus {
    /** Not in a transaction block ('I'). */
    IDLE('I'),
    /** In a transaction block ('T'). */
    IN_TRANSACTION('T'),
    /** In a failed transaction block: statements are refused until it ends ('E'). */
    FAILED('E');

    private final char wireCode;

    TransactionStatus(char wireCode) {
        this.wireCode = wireCode;
    }

    /** The status byte of ReadyForQuery. */
    public char wireCode() {
        return wireCode;
    }
}
