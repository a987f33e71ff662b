package io.shaledb.sql.pgcatalog;

import io.shaledb.sql.catalog.Catalog;
import io.shaledb.sql.catalog.Role;
import io.shaledb.sql.catalog.Schema;
import io.shaledb.sql.catalog.Table;
import io.shaledb.txn.Transaction;

/**
 * How catalog objects get the OIDs clients see. PostgreSQL numbers user objects from 16384 up;
 * ShaleDB's catalog ids come from one never-reused counter shared by tables, indexes, views,
 * sequences, constraints, functions, triggers, schemas and roles, so
 *
 * <pre>
 *   user object OID   = 16384 + catalog id     (stable across restarts: the id is stored)
 *   pg_catalog        = 11     public = 2200     information_schema = 13207   pg_toast = 99
 *   owner             = the first superuser role (the one the server created on first start),
 *                       16384 + its id like every role; 10 named "postgres" when there is none.
 *                       ShaleDB does not record owners: every object is owned by it.
 *   public's owner    = 6171 pg_database_owner, as in PostgreSQL 15
 *   database          = 16384  (one database; pg_database's row)
 *   heap AM = 2, btree = 403, hash = 405, lsm (LSM-engine tables) = 16000
 *   catalog tables    = PostgreSQL's fixed OIDs (pg_class 1259, pg_type 1247, ...: {@link #CATALOG_TABLES});
 *                       other system views: below 16384 (their Table.oid())
 * </pre>
 *
 * A primary key is an index without storage of its own; its index OID is its constraint's.
 */
public final class Oids {
    public static final int PG_CATALOG = 11;
    public static final int PUBLIC = 2200;
    public static final int INFORMATION_SCHEMA = 13207;
    public static final int PG_TOAST = 99;
    /** The owner when there are no roles (PostgreSQL's bootstrap superuser OID). */
    public static final int BOOTSTRAP_OWNER = 10;
    /** The name {@code pg_get_userbyid(10)} gives. */
    public static final String BOOTSTRAP_ROLE = "postgres";
    /** pg_database_owner, schema public's owner. */
    public static final int DATABASE_OWNER = 6171;
    public static final int DATABASE = 16384;
    public static final int HEAP_AM = 2;
    public static final int BTREE_AM = 403;
    public static final int HASH_AM = 405;
    public static final int LSM_AM = 16000;
    public static final int DEFAULT_TABLESPACE = 1663;
    public static final int DEFAULT_COLLATION = 100;

    /** PostgreSQL's fixed OIDs of its catalog tables ({@code 'pg_catalog.pg_class'::regclass} is 1259 everywhere). */
    public static final java.util.Map<String, Integer> CATALOG_TABLES = java.util.Map.ofEntries(
            java.util.Map.entry("pg_tablespace", 1213), java.util.Map.entry("pg_type", 1247), java.util.Map.entry("pg_attribute", 1249),
            java.util.Map.entry("pg_proc", 1255), java.util.Map.entry("pg_class", 1259), java.util.Map.entry("pg_auth_members", 1261),
            java.util.Map.entry("pg_database", 1262), java.util.Map.entry("pg_sequence", 2224), java.util.Map.entry("pg_am", 2601),
            java.util.Map.entry("pg_attrdef", 2604), java.util.Map.entry("pg_constraint", 2606), java.util.Map.entry("pg_depend", 2608),
            java.util.Map.entry("pg_description", 2609), java.util.Map.entry("pg_index", 2610), java.util.Map.entry("pg_inherits", 2611),
            java.util.Map.entry("pg_language", 2612), java.util.Map.entry("pg_namespace", 2615), java.util.Map.entry("pg_rewrite", 2618),
            java.util.Map.entry("pg_trigger", 2620), java.util.Map.entry("pg_extension", 3079), java.util.Map.entry("pg_foreign_table", 3118),
            java.util.Map.entry("pg_policy", 3256), java.util.Map.entry("pg_partitioned_table", 3350),
            java.util.Map.entry("pg_statistic_ext", 3381), java.util.Map.entry("pg_collation", 3456), java.util.Map.entry("pg_enum", 3501),
            java.util.Map.entry("pg_range", 3541), java.util.Map.entry("pg_publication", 6104), java.util.Map.entry("pg_publication_rel", 6106),
            java.util.Map.entry("pg_publication_namespace", 6237), java.util.Map.entry("pg_event_trigger", 3466),
            java.util.Map.entry("pg_foreign_server", 1417), java.util.Map.entry("pg_foreign_data_wrapper", 2328),
            java.util.Map.entry("pg_db_role_setting", 2964), java.util.Map.entry("pg_user_mapping", 1418));

    private Oids() {}

    /** The OID of the user object with catalog id {@code id}. */
    public static int user(int id) {
        return Table.FIRST_USER_OID + id;
    }

    /** The OID of schema {@code name}, or 0 when there is none. */
    public static int namespace(Catalog catalog, Transaction tx, String name) {
        return switch (name) {
            case Schema.PUBLIC -> PUBLIC;
            case Schema.PG_CATALOG -> PG_CATALOG;
            case "information_schema" -> INFORMATION_SCHEMA;
            case "pg_toast" -> PG_TOAST;
            default -> {
                Schema s = catalog.schema(tx, name);
                yield s == null ? 0 : user(s.id());
            }
        };
    }

    /** The name of the schema with OID {@code oid}, or null. */
    public static String namespaceName(Catalog catalog, Transaction tx, long oid) {
        if (oid == PUBLIC) {
            return Schema.PUBLIC;
        } else if (oid == PG_CATALOG) {
            return Schema.PG_CATALOG;
        } else if (oid == INFORMATION_SCHEMA) {
            return "information_schema";
        } else if (oid == PG_TOAST) {
            return "pg_toast";
        }
        for (Schema s : catalog.schemas(tx)) {
            if (user(s.id()) == oid) {
                return s.name();
            }
        }
        return null;
    }

    /** A role's OID. */
    public static int role(Role r) {
        return user(r.id());
    }

    /** The OID of the role that owns every object: the first superuser, else {@link #BOOTSTRAP_OWNER}. */
    public static int owner(Catalog catalog, Transaction tx) {
        Role first = null;
        for (Role r : catalog.roles(tx)) {
            if (r.superuser() && (first == null || r.id() < first.id())) {
                first = r;
            }
        }
        return first == null ? BOOTSTRAP_OWNER : role(first);
    }

    /** The name of the role with OID {@code oid}, or null. */
    public static String roleName(Catalog catalog, Transaction tx, long oid) {
        if (oid == BOOTSTRAP_OWNER) {
            return BOOTSTRAP_ROLE;
        } else if (oid == DATABASE_OWNER) {
            return "pg_database_owner";
        }
        for (Role r : catalog.roles(tx)) {
            if (role(r) == oid) {
                return r.name();
            }
        }
        return null;
    }
}
