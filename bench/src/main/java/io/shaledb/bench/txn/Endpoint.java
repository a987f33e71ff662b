package io.shaledb.bench.txn;

/** Where a server under test listens and whom to connect as (trust authentication, no password). */
public record Endpoint(String host, int port, String user, String database) {

    /** pgjdbc URL in simple query mode. */
    public String jdbcUrl() {
        return jdbcUrl("simple");
    }

    /** pgjdbc URL: {@code simple} query mode, or {@code extended}, pgjdbc's default (prepared statements, binary transfer). */
    public String jdbcUrl(String protocol) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=10"
                + (protocol.equals("simple") ? "&preferQueryMode=simple" : "");
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
