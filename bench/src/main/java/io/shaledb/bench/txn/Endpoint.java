package io.shaledb.bench.txn;

/** Where a server under test listens and whom to connect as (trust authentication, no password). */
public record Endpoint(String host, int port, String user, String database) {

    /** pgjdbc URL in simple query mode, the only protocol ShaleDB speaks. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?preferQueryMode=simple&connectTimeout=10";
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
