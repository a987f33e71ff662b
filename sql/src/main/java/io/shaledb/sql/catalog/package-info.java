/**
 * What tables, views, sequences, indexes, constraints and schemas exist — names, columns, types, defaults,
 * primary keys, view texts and their dependencies — stored as MVCC rows of the catalog relation,
 * so DDL is transactional (docs/architecture/transactional-ddl.md, docs/formats/catalog.md).
 *
 * <pre>
 *   catalog engine:  'c' 'o' (1, name) + version  ->  table / view / sequence / index (CatalogCodec, format 3)
 *                    'c' 'o' (2, name) + version  ->  schema
 *                    'c' 'o' (3, "tableId/name") + version  ->  constraint (CHECK, FOREIGN KEY, PRIMARY KEY, UNIQUE)
 *                    'c' 'o' (7, signature) / (8, "tableId.name") + version  ->  function / trigger
 *   names:           "t" in public, "s.t" in schema s   (Catalog.resolve / createName, SearchPath)
 *
 *                 ┌─────────────── committed: immutable name -> Table, swapped at commit ───────┐
 *   lookups  ───> │ overlay of the asking transaction's uncommitted DDL (Pending)              │
 *                 └─────────────────────────────────────────────────────────────────────────────┘
 *   DDL:      tx.insert / update / delete of the object's row  +  Pending.changes[name] = new Table
 *   COMMIT:   end listener, locks still held -> install Pending, reclaim storage no one uses
 *   ROLLBACK: drop Pending, reclaim the storage it created
 * </pre>
 *
 * <p>The idea: the transaction layer already makes row versions atomic, durable and isolated, so
 * the catalog is just another relation, and the only extra state is the in-memory view, which
 * changes exactly when the commit that made the rows visible happens. The object's catalog row is
 * also its lock: writers of a table hold a shared lock on it, DDL the exclusive one.
 *
 * <p>A table's id (its OID) never changes; its storage id (the key space of its rows, PostgreSQL's
 * relfilenode) does on TRUNCATE and DROP COLUMN, which fill a fresh key space instead of deleting
 * in place. Ids are never reused, so leftovers of an old key space cannot be mistaken for a new
 * table's rows, and {@link io.shaledb.sql.catalog.OrphanSweeper} removes them at start.
 *
 * <p>A {@link io.shaledb.sql.catalog.View} binds the relation names of its SQL text to object
 * ids, which makes renames harmless and doubles as its dependency record. Schemas only prefix
 * catalog names ({@code s.t}); objects of {@code public} keep bare names, so catalogs written
 * before schemas existed load unchanged.
 */
package io.shaledb.sql.catalog;
