package io.shaledb.kv;

import io.shaledb.storage.KeyRange;
import io.shaledb.txn.VersionScan;
import java.util.ArrayList;
import java.util.List;

/**
 * When a collection's {@link KvEncoding} converts up: Redis 7.0's thresholds (CONFIG SET
 * {@code hash-max-listpack-entries} and friends change them for later writes) and its rules, applied
 * by every command that adds or sets elements. Removing elements never converts back; a collection
 * written whole (SINTERSTORE, ZUNIONSTORE, ZRANGESTORE, SPOP's rebuild) starts compact and converts
 * by its contents, which is what Redis's element-by-element construction amounts to.
 */
public final class KvEncodingRules {
    private volatile long hashMaxListpackEntries = 512;
    private volatile long hashMaxListpackValue = 64;
    private volatile long setMaxIntsetEntries = 512;
    private volatile long zsetMaxListpackEntries = 128;
    private volatile long zsetMaxListpackValue = 64;

    public void hashMaxListpackEntries(long v) {
        hashMaxListpackEntries = v;
    }

    public void hashMaxListpackValue(long v) {
        hashMaxListpackValue = v;
    }

    public void setMaxIntsetEntries(long v) {
        setMaxIntsetEntries = v;
    }

    public void zsetMaxListpackEntries(long v) {
        zsetMaxListpackEntries = v;
    }

    public void zsetMaxListpackValue(long v) {
        zsetMaxListpackValue = v;
    }

    /**
     * The metadata {@code m} (already holding the collection's new size) after a write whose
     * elements were {@code written}: for a hash the fields and values set, for a set the members
     * added, for a sorted set the members added. A compact encoding converts up when the size or an
     * element is past its threshold; any other encoding stays.
     */
    KvMeta afterWrite(KvMeta m, List<byte[]> written) {
        if (!m.encoding().compact()) {
            return m;
        }
        boolean convert = switch (m.type()) {
            case HASH -> m.size() > hashMaxListpackEntries || anyLonger(written, hashMaxListpackValue);
            case SET -> m.size() > Math.min(setMaxIntsetEntries, 1L << 30) || !allIntegers(written); // intset's own cap: 2^30
            case ZSET -> m.size() > zsetMaxListpackEntries || anyLonger(written, zsetMaxListpackValue);
            case STRING, LIST -> false;
        };
        return convert ? m.withEncoding(KvEncoding.big(m.type())) : m;
    }

    /**
     * {@code m} with a known encoding. A format-1 record (written before encodings were stored)
     * has none: it is worked out from the contents, reading at most the threshold's number of rows
     * (a larger collection is the large encoding without reading anything).
     */
    KvMeta resolve(KvTxn t, int db, byte[] key, KvMeta m) {
        if (m == null || m.encoding() != KvEncoding.UNKNOWN) {
            return m;
        }
        if (m.type() == KvType.LIST || m.type() == KvType.STRING) {
            return m.withEncoding(KvEncoding.initial(m.type()));
        }
        long limit = switch (m.type()) {
            case HASH -> hashMaxListpackEntries;
            case SET -> setMaxIntsetEntries;
            default -> zsetMaxListpackEntries;
        };
        KvMeta compact = m.withEncoding(KvEncoding.initial(m.type()));
        if (m.size() > limit) {
            return m.withEncoding(KvEncoding.big(m.type()));
        }
        List<byte[]> elements = new ArrayList<>();
        byte[] prefix = KvKeys.subPrefix(db, key, m.version());
        try (VersionScan s = KvStore.scan(t, KeyRange.prefix(prefix))) {
            while (s.next()) {
                elements.add(KvKeys.fieldOfSub(s.current().userKey(), prefix.length));
                if (m.type() == KvType.HASH) {
                    elements.add(s.current().payload());
                }
            }
        }
        return afterWrite(compact, elements);
    }

    private static boolean anyLonger(List<byte[]> elements, long max) {
        for (byte[] e : elements) {
            if (e.length > max) {
                return true;
            }
        }
        return false;
    }

    private static boolean allIntegers(List<byte[]> members) {
        for (byte[] m : members) {
            if (KvDatabase.strictLong(m) == null) {
                return false;
            }
        }
        return true;
    }
}
