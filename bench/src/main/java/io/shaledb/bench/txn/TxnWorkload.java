package io.shaledb.bench.txn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The pgbench custom scripts the transaction benchmark runs, the same text for every server. Each
 * is one explicit transaction at a given isolation level over {@code accounts(aid int primary key,
 * abalance int)}; every statement is an equality on the primary key, i.e. a point lookup on both
 * servers.
 */
public enum TxnWorkload {
    /** One random account of the whole table: transactions almost never touch the same row. */
    UNCONTENDED("uncontended", "uncontended update", false),
    /** The same transaction on one of the few hot rows: concurrent transactions conflict. */
    CONTENDED("contended", "contended update", true),
    /**
     * A transfer between two hot accounts in random order: two transactions can lock the same two
     * rows in opposite orders, so this is where deadlocks (40P01) show up.
     */
    TRANSFER("transfer", "hot transfer", true);

    private final String name;
    private final String label;
    private final boolean hot;

    TxnWorkload(String name, String label, boolean hot) {
        this.name = name;
        this.label = label;
        this.hot = hot;
    }

    /** The name on the command line. */
    public String cliName() {
        return name;
    }

    /** The name in reports. */
    public String label() {
        return label;
    }

    /** How many rows the script picks its accounts from. */
    public int accounts(int rows, int hotRows) {
        return hot ? Math.min(hotRows, rows) : rows;
    }

    /** A short description for the report, with the sizes of this run. */
    public String describe(int rows, int hotRows) {
        int n = accounts(rows, hotRows);
        return switch (this) {
            case UNCONTENDED -> String.format(Locale.ROOT, "UPDATE then SELECT of one random account of %,d", n);
            case CONTENDED -> String.format(Locale.ROOT, "UPDATE then SELECT of one random account of the %,d hot ones", n);
            case TRANSFER -> String.format(Locale.ROOT, "two UPDATEs, from one random hot account to another (of %,d)", n);
        };
    }

    /** The pgbench script (simple protocol: {@code :var} is substituted into the text by pgbench). */
    public String script(Isolation level, int rows, int hotRows) {
        int n = accounts(rows, hotRows);
        String begin = "BEGIN ISOLATION LEVEL " + level.sql() + ";\n";
        return switch (this) {
            case UNCONTENDED, CONTENDED -> "\\set aid random(1, " + n + ")\n"
                    + "\\set delta random(-5000, 5000)\n"
                    + begin
                    + "UPDATE accounts SET abalance = abalance + :delta WHERE aid = :aid;\n"
                    + "SELECT abalance FROM accounts WHERE aid = :aid;\n"
                    + "COMMIT;\n";
            case TRANSFER -> "\\set src random(1, " + n + ")\n"
                    + "\\set dst random(1, " + n + ")\n"
                    + "\\set amount random(1, 100)\n"
                    + begin
                    + "UPDATE accounts SET abalance = abalance - :amount WHERE aid = :src;\n"
                    + "UPDATE accounts SET abalance = abalance + :amount WHERE aid = :dst;\n"
                    + "COMMIT;\n";
        };
    }

    public static TxnWorkload parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TxnWorkload w : values()) {
            if (w.name.equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown transaction workload '" + name + "'; one of "
                + Arrays.stream(values()).map(TxnWorkload::cliName).toList());
    }
}
