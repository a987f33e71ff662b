package io.shaledb.sql;

/**
 * What a COPY announces to the client before any data flows: the overall format and the number
 * of columns in each row (the fields of PostgreSQL's CopyInResponse / CopyOutResponse).
 *
 * @param binary true for {@code FORMAT binary}, false for text and CSV (both are text on the wire)
 * @param columns the number of columns each row has
 */
public record CopyDescription(boolean binary, int columns) {}
