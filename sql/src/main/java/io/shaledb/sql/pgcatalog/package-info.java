/**
 * PostgreSQL's system catalogs ({@code pg_class}, {@code pg_attribute}, {@code pg_type},
 * {@code pg_proc}, {@code pg_namespace} ...) and {@code information_schema}, computed from
 * ShaleDB's own catalog, so that psql's describe commands, drivers' metadata calls and GUI tools
 * see a PostgreSQL database.
 *
 * <p>Nothing here is stored. ShaleDB's catalog (tables, indexes, constraints, views, sequences,
 * functions, triggers, schemas, roles) is the single source of truth; each catalog relation is a
 * function from the catalog as the statement's transaction sees it to rows in PostgreSQL 15's
 * column layout. A query over {@code pg_class} therefore sees its own transaction's uncommitted
 * DDL, and never a stale copy.
 *
 * <pre>
 *   sql.catalog.Catalog ──(tx)──▶ Relations.all ──▶ pg_class, pg_attribute, pg_index*, regclass
 *          │                         (one list per statement, in the statement's memo)
 *          ├──────────────▶ PgObjects ──▶ pg_type (PgTypes: PostgreSQL's OIDs), pg_proc, pg_am ...
 *          ├──────────────▶ PgRelations ─▶ pg_namespace, pg_attrdef, pg_trigger, pg_sequence ...
 *          └──────────────▶ InformationSchema ─▶ tables, columns, key_column_usage ...
 *
 *   sql.exec.SystemViews ──lookup("pg_class")──▶ PgCatalog (registry: name, columns, rows)
 *   sql.exec.CatalogFunctions ──format_type, pg_get_triggerdef, ...──▶ CatalogText, PgTypes, PrettyExpr
 * </pre>
 *
 * <p>OIDs ({@link io.shaledb.sql.pgcatalog.Oids}): a user object's OID is 16384 plus its catalog
 * id, which is stored and never reused, so OIDs are stable across restarts and agree between
 * relations (pg_class.oid = pg_attribute.attrelid = pg_index.indrelid = pg_constraint.conrelid).
 * Built-in schemas, types and catalog tables have PostgreSQL's fixed OIDs.
 *
 * <p>What is real and what is constant, per relation and column, is listed in
 * docs/sql/catalogs.md; the psql golden test in the server module compares psql's output with
 * PostgreSQL 15's.
 */
package io.shaledb.sql.pgcatalog;
