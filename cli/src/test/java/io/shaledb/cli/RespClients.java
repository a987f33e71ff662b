package io.shaledb.cli;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** Jedis connections to a server the test launched. */
final class RespClients {
    private RespClients() {}

    /**
     * A connection to the RESP port, retried for up to 30 s: the RESP listener starts just after the
     * PostgreSQL one that ServerProcess waits for.
     */
    static Jedis connect(int port) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Jedis jedis = new Jedis("127.0.0.1", port);
            try {
                jedis.ping();
                return jedis;
            } catch (JedisException notYet) {
                jedis.close();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }
}
