/**
 * What tables exist: names, columns, types, primary keys, kept in memory and in the engine.
 *
 * <pre>
 *   engine key                       value
 *   'c' 'm'                     ->   v1, next table id          (never reused)
 *   'c' 't' u32be(tableId)      ->   v1 table descriptor        (see CatalogCodec)
 *
 *   SqlDatabase(engine) ──load──> Catalog { name -> Table }  <── lookups (any thread)
 *   DDL: define() -> writeCreate(batch) -> engine.apply(batch) -> installCreated()
 * </pre>
 *
 * <p>Catalog changes ride in the same {@link io.shaledb.storage.WriteBatch} as the statement's
 * other writes and become visible in memory only after the engine applied it, so a failed DDL
 * statement leaves neither the engine nor the in-memory view changed. Table ids are allocated
 * once and never reused, so rows of a dropped table can never be confused with a new table's.
 */
package io.shaledb.sql.catalog;
