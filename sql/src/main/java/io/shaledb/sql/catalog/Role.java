package io.shaledb.sql.catalog;

/**
 * A role (PostgreSQL's {@code pg_authid} row): who may log in, with which password, and with
 * which attributes. A catalog object of its own key kind (11), so its name never collides with a
 * relation's; roles are cluster-wide in PostgreSQL and database-wide here (ShaleDB serves one
 * database).
 *
 * @param password the stored verifier: {@code SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>},
 *     {@code md5<32 hex>} or null for none (never the clear text)
 * @param validUntil the password's expiry in {@link io.shaledb.sql.types.DateTimes} micros,
 *     {@code Long.MAX_VALUE} for infinity, or null for no expiry
 * @param connectionLimit {@code CONNECTION LIMIT}, -1 for none
 */
public record Role(int id, String name, boolean superuser, boolean login, boolean createdb, boolean createrole,
                   boolean inherit, int connectionLimit, String password, Long validUntil) {

    public Role withName(String newName) {
        return new Role(id, newName, superuser, login, createdb, createrole, inherit, connectionLimit, password, validUntil);
    }
}
