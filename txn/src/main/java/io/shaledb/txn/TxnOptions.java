package io.shaledb.txn;

import java.time.Duration;

/**
 * Settings of the transaction manager.
 *
 * @param autovacuumNaptime how often the background vacuum looks for relations to clean; zero
 *     disables it
 * @param autovacuumThreshold dead versions a relation needs before it is vacuumed, plus
 * @param autovacuumScaleFactor this fraction of its live versions (PostgreSQL's formula)
 */
public record TxnOptions(Duration autovacuumNaptime, long autovacuumThreshold, double autovacuumScaleFactor) {
    public static TxnOptions defaults() {
        return new TxnOptions(Duration.ofSeconds(1), 50, 0.2);
    }

    public TxnOptions withAutovacuumNaptime(Duration d) {
        return new TxnOptions(d, autovacuumThreshold, autovacuumScaleFactor);
    }
}
