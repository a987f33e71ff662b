package io.shaledb.storage.lsm;

import io.shaledb.storage.Cursor;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.lsm.sst.EntryIterator;
import io.shaledb.storage.lsm.sst.InternalKeys;

/**
 * A user-level cursor over a merge of internal entries, reading as of sequence {@code seq}: for
 * each user key it returns the newest version with a sequence at most {@code seq}, unless that is a
 * tombstone. Forward, the versions of a key arrive newest first, so the first visible one decides;
 * backward they arrive oldest first, so the last visible one decides. The cursor pins the version
 * it reads until it is closed.
 */
final class LsmCursor implements Cursor {
    private final LsmEngine engine;
    private final EntryIterator it;
    private final long seq;
    private final KeyRange range;
    private final boolean forward;
    private Version pinned;
    private boolean closed;
    private boolean exhausted;
    private byte[] key;
    private byte[] value;

    LsmCursor(LsmEngine engine, EntryIterator it, long seq, KeyRange range, boolean forward, Version pinned) {
        this.engine = engine;
        this.it = it;
        this.seq = seq;
        this.range = range;
        this.forward = forward;
        this.pinned = pinned;
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        engine.checkOpen();
        key = null;
        value = null;
        if (exhausted) {
            return false;
        }
        boolean found = forward ? nextForward() : nextBackward();
        if (!found) {
            exhausted = true;
            release();
        }
        return found;
    }

    private boolean nextForward() {
        while (it.valid()) {
            byte[] ik = it.key();
            if (InternalKeys.sequence(ik) > seq) {
                it.next();
                continue;
            }
            byte[] user = InternalKeys.userKey(ik);
            byte kind = InternalKeys.kind(ik);
            byte[] v = kind == InternalKeys.PUT ? it.value() : null;
            // skip the older versions of this key
            it.next();
            while (it.valid() && InternalKeys.compareUserTo(it.key(), user) == 0) {
                it.next();
            }
            if (range.aboveHigh(user)) {
                return false;
            }
            if (range.belowLow(user) || kind != InternalKeys.PUT) {
                continue;
            }
            key = user;
            value = v;
            return true;
        }
        return false;
    }

    private boolean nextBackward() {
        while (it.valid()) {
            byte[] user = InternalKeys.userKey(it.key());
            byte kind = -1;
            byte[] v = null;
            while (it.valid() && InternalKeys.compareUserTo(it.key(), user) == 0) {
                byte[] ik = it.key();
                if (InternalKeys.sequence(ik) <= seq) {
                    kind = InternalKeys.kind(ik);
                    v = kind == InternalKeys.PUT ? it.value() : null;
                }
                it.next();
            }
            if (range.belowLow(user)) {
                return false;
            }
            if (range.aboveHigh(user) || kind != InternalKeys.PUT) {
                continue;
            }
            key = user;
            value = v;
            return true;
        }
        return false;
    }

    @Override
    public byte[] key() {
        if (closed || key == null) {
            throw new IllegalStateException(closed ? "cursor is closed" : "cursor is not positioned on an entry");
        }
        return key;
    }

    @Override
    public byte[] value() {
        if (closed || key == null) {
            throw new IllegalStateException(closed ? "cursor is closed" : "cursor is not positioned on an entry");
        }
        return value;
    }

    private void release() {
        if (pinned != null) {
            Version v = pinned;
            pinned = null;
            v.unref();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            key = null;
            value = null;
            release();
        }
    }
}
