package io.shaledb.pgwire;

/** Runs the server on the fake engine for poking at by hand: {@code DevServerMain [port]}. */
final class DevServerMain {
    private DevServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 55433;
        try (PgServer server = new PgServer(PgServerConfig.defaults().withPort(port), new FakeSessions())) {
            server.start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
