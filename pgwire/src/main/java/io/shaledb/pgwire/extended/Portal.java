package io.shaledb.pgwire.extended;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * A portal created by Bind: a statement with its parameter values and the format wanted for each
 * result column, and, once an Execute with a row limit has run it, its result waiting to be
 * fetched.
 *
 * <pre>
 *   Bind --&gt; READY --Execute(0)------------------------------&gt; DONE (rows streamed as produced)
 *               |---Execute(n), a query --&gt; LAZY: a {@link PortalThread} runs it n rows at a time --&gt; DONE
 *               |                              | the connection needs the session for something else
 *               |                              v
 *               '---Execute(n), other --&gt; run to the end into rows --&gt; SUSPENDED --Execute(n)--&gt; ... --&gt; DONE
 *                                (encoded as they come)        position advances n at a time
 * </pre>
 *
 * A suspended portal keeps its rows (already encoded, so TimeZone changes do not reach them)
 * until it is fetched to the end, closed, or its transaction ends; a lazy one keeps its query
 * paused in the middle instead, until the connection {@link #settle settles} it.
 */
public final class Portal {
    private final String name;
    private final ParsedStatement statement;
    private final Binding binding;
    private final short[] resultFormats;
    private List<byte[][]> rows;
    private int position;
    private String tag;
    private boolean done;
    /** The query, paused after the last fetch; null unless this portal runs lazily. */
    private PortalThread lazy;

    public Portal(String name, ParsedStatement statement, Binding binding, short[] formatCodes) {
        this.name = name;
        this.statement = statement;
        this.binding = binding;
        var columns = statement.prepared().columns();
        this.resultFormats = expand(formatCodes, columns == null ? 0 : columns.size());
    }

    /** Format codes as sent (none: all text; one: for every column; else one per column), one per column. */
    static short[] expand(short[] codes, int columns) {
        if (codes.length > 1 && codes.length != columns) {
            throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.length
                    + " result formats but query has " + columns + " columns");
        }
        short[] out = new short[columns];
        for (int i = 0; i < columns; i++) {
            short code = codes.length == 0 ? 0 : codes.length == 1 ? codes[0] : codes[i];
            if (code != 0 && code != 1) {
                throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + code);
            }
            out[i] = code;
        }
        return out;
    }

    public String name() {
        return name;
    }

    public ParsedStatement statement() {
        return statement;
    }

    public Binding binding() {
        return binding;
    }

    public short[] resultFormats() {
        return resultFormats;
    }

    /** Whether the statement has run (to completion, into {@link #rows} or onto the wire). */
    public boolean started() {
        return rows != null || done || lazy != null;
    }

    /** The statement runs on {@code thread}, a fetch at a time. */
    public void lazy(PortalThread thread) {
        lazy = thread;
    }

    /** Whether the query is paused in the middle, holding the session's statement open. */
    public boolean paused() {
        return lazy != null;
    }

    /**
     * The connection needs the session for another statement: a paused query runs to its end,
     * its remaining rows kept here to be fetched as before (or dropped when {@code keep} is false:
     * the portal is being closed).
     */
    public void settle(boolean keep) {
        PortalThread t = lazy;
        if (t == null) {
            return;
        }
        lazy = null;
        if (keep) {
            try {
                rows = new ArrayList<>(t.drain());
                position = 0;
                tag = t.tag();
                return;
            } catch (RuntimeException e) {
                // the rest of the query failed: PostgreSQL would report it at the next fetch; we end the portal
                t.abandon();
            }
        } else {
            t.abandon();
        }
        done = true;
        rows = List.of();
        position = 0;
    }

    public boolean done() {
        return done;
    }

    /** The statement ran to the end with its result kept here for fetching. */
    public void buffered(List<byte[][]> result, String commandTag) {
        rows = new ArrayList<>(result);
        tag = commandTag;
    }

    /** The statement ran to the end straight onto the wire. */
    public void finished(String commandTag) {
        done = true;
        rows = List.of();
        position = 0;
        tag = commandTag;
    }

    /** The next at most {@code max} rows (all for 0); marks the portal done when none are left after them. */
    public List<byte[][]> fetch(int max) {
        if (lazy != null) {
            List<byte[][]> out;
            try {
                out = lazy.fetch(max);
            } catch (RuntimeException e) {
                lazy = null;
                done = true;
                rows = List.of();
                throw e;
            }
            if (lazy.finished()) {
                tag = lazy.tag();
                lazy = null;
                done = true;
                rows = List.of();
                position = 0;
            }
            return out;
        }
        if (rows == null) {
            throw new IllegalStateException("portal " + name + " has not run");
        }
        int end = max <= 0 ? rows.size() : (int) Math.min((long) position + max, rows.size());
        List<byte[][]> out = rows.subList(position, end);
        position = end;
        if (position == rows.size()) {
            done = true;
        }
        return out;
    }

    /** Whether rows remain after the last fetch (PortalSuspended rather than CommandComplete). */
    public boolean suspended() {
        return lazy != null || rows != null && position < rows.size();
    }

    /** The command tag for the last fetch: a SELECT reports the rows of that fetch, as PostgreSQL does. */
    public String tagFor(int fetched) {
        if (tag != null && tag.startsWith("SELECT ")) {
            return "SELECT " + fetched;
        }
        return tag;
    }
}
