/**
 * psql against ShaleDB: the backslash commands ({@code \dt}, {@code \d TABLE}, {@code \d+},
 * {@code \di} ...) and tab completion run psql 15's own catalog queries, and what psql prints
 * must be what it prints against PostgreSQL 15 for the same schema.
 *
 * <pre>
 *   psql/catalog.sql ──psql -a──▶ ShaleDB (in-process)   ──▶ transcript ──┐
 *          │                                                             ├─ must equal ─▶ psql/catalog.out
 *          └────────psql -a──▶ PostgreSQL 15 (PostgresPeer) ─▶ transcript ┘
 * </pre>
 *
 * Both sides run as role {@code shale} in database {@code shale}, so the Owner columns agree
 * without normalising anything.
 */
package io.shaledb.server.psql;
