package io.shaledb.bench.engine;

import java.nio.file.Path;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore used directly (no SQL layer): one {@link MVMap} of {@code byte[]} keys compared as
 * unsigned bytes by {@link ByteArrayDataType}, the same order as ShaleDB's.
 *
 * <p>Relaxed: the store's default auto-commit — a put changes the in-memory map and a background
 * thread writes a new chunk about once a second ({@code autoCommitDelay} 1000 ms), so a crash
 * loses up to about a second of puts. Durable: auto-commit off, and every put is followed by
 * {@link MVStore#commit()} (writes a chunk) and {@link MVStore#sync()} ({@code force(true)}).
 */
final class MvStoreStore implements KvStore {

    private final MVStore store;
    private final MVMap<byte[], byte[]> map;
    private final boolean durable;

    MvStoreStore(Path dir, Durability durability, long cacheBytes) {
        durable = durability == Durability.DURABLE;
        MVStore.Builder builder = new MVStore.Builder()
                .fileName(dir.resolve("bench.mv.db").toString())
                .cacheSize((int) Math.max(1, cacheBytes >> 20));
        if (durable) {
            builder.autoCommitDisabled();
        }
        store = builder.open();
        map = store.openMap("kv", new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteArrayDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
        if (durable) {
            store.commit();
            store.sync();
        }
    }

    @Override
    public long scan(byte[] from, int limit) {
        long sum = 0;
        Cursor<byte[], byte[]> c = map.cursor(from);
        for (int n = 0; n < limit && c.hasNext(); n++) {
            byte[] k = c.next();
            sum += k.length + c.getValue().length;
        }
        return sum;
    }

    @Override
    public void load(Dataset data, long count) {
        for (long i = 0; i < count; i++) {
            map.put(Dataset.key(i), data.value(i));
        }
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
