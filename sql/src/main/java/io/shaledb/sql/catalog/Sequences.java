package io.shaledb.sql.catalog;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current values of sequences: outside transactions (a value handed out is never taken back,
 * as in PostgreSQL) and durable without a write per value. Each sequence keeps, in the catalog
 * engine under {@code 'c' 'q' u32be(id)}, the highest value it may already have handed out; that
 * record is written and synced <em>before</em> a value beyond it is returned, reserving a range
 * of {@code max(32, cache)} values at a time (like the transaction layer's xid reservation and
 * PostgreSQL's 32 pre-logged values). After a restart a sequence continues after its reservation,
 * so a crash skips values but never hands one out twice.
 *
 * <pre>
 *   u8 1 | i64 reserved (highest value possibly handed out) | u8 called
 * </pre>
 */
public final class Sequences {
    private static final int RESERVE = 32;

    private final StorageEngine engine;
    private final Map<Integer, State> states = new ConcurrentHashMap<>();

    private static final class State {
        long last;
        boolean called;
        long reserved;
        boolean reservedAny;
    }

    Sequences(StorageEngine engine) {
        this.engine = engine;
    }

    private State state(Sequence s) {
        return states.computeIfAbsent(s.id(), id -> {
            State st = new State();
            byte[] stored = engine.get(key(id));
            if (stored != null) {
                ByteBuffer b = ByteBuffer.wrap(stored);
                b.get();
                st.reserved = b.getLong();
                st.called = b.get() != 0;
                st.reservedAny = true;
                st.last = st.reserved; // values up to the reservation may have been handed out before a restart
            } else {
                st.last = s.start();
            }
            return st;
        });
    }

    /** nextval: the next value, or 2200H at the end of a sequence without CYCLE. */
    public long next(Sequence s) {
        State st = state(s);
        synchronized (st) {
            long v;
            if (!st.called) {
                v = st.last;
            } else {
                v = st.last + s.increment();
                boolean overflow = s.increment() > 0 ? (st.last > 0 && v < 0) || v > s.max() : (st.last < 0 && v > 0) || v < s.min();
                if (overflow) {
                    if (!s.cycle()) {
                        throw new SqlException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached "
                                + (s.increment() > 0 ? "maximum" : "minimum") + " value of sequence \"" + Catalog.bareName(s.name()) + "\" ("
                                + (s.increment() > 0 ? s.max() : s.min()) + ")");
                    }
                    v = s.increment() > 0 ? s.min() : s.max();
                }
            }
            boolean beyond = !st.reservedAny || (s.increment() > 0 ? v > st.reserved || v < st.last : v < st.reserved || v > st.last);
            if (beyond) {
                long ahead = Math.max(RESERVE, s.cache()) - 1;
                long r;
                if (s.increment() > 0) {
                    r = v > s.max() - ahead * s.increment() ? s.max() : v + ahead * s.increment();
                } else {
                    r = v < s.min() - ahead * s.increment() ? s.min() : v + ahead * s.increment();
                }
                persist(s.id(), r, true);
                st.reserved = r;
                st.reservedAny = true;
            }
            st.last = v;
            st.called = true;
            return v;
        }
    }

    /** setval: sets the current value; the next nextval returns {@code value} (+ increment when {@code called}). */
    public long set(Sequence s, long value, boolean called) {
        if (value < s.min() || value > s.max()) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value + " is out of bounds for sequence \""
                    + s.name() + "\" (" + s.min() + ".." + s.max() + ")");
        }
        State st = state(s);
        synchronized (st) {
            persist(s.id(), value, called);
            st.last = value;
            st.called = called;
            st.reserved = value;
            st.reservedAny = true;
        }
        return value;
    }

    /** Back to the start value (TRUNCATE ... RESTART IDENTITY). */
    public void restart(Sequence s) {
        State st = state(s);
        synchronized (st) {
            persist(s.id(), s.start(), false);
            st.last = s.start();
            st.called = false;
            st.reserved = s.start();
            st.reservedAny = true;
        }
    }

    /** Forgets a dropped sequence's state. */
    void drop(int id) {
        states.remove(id);
        engine.apply(new WriteBatch().delete(key(id)));
    }

    private void persist(int id, long reserved, boolean called) {
        engine.apply(new WriteBatch().put(key(id), ByteBuffer.allocate(10).put((byte) 1).putLong(reserved).put((byte) (called ? 1 : 0)).array()));
        engine.sync();
    }

    private static byte[] key(int id) {
        return new byte[] {'c', 'q', (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }
}
