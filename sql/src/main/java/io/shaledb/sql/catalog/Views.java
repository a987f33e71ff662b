package io.shaledb.sql.catalog;

import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views of a {@link Catalog}, persisted in the catalog engine under {@code 'c' 'v' name}
 * with the same two-phase discipline as tables: {@code write...} adds to a statement's batch,
 * {@code install...} updates memory after the batch is applied.
 *
 * <pre>
 *   byte version = 1 | utf name | short n | n x utf column | int length | UTF-8 SQL text
 * </pre>
 */
public final class Views {
    private static final byte VERSION = 1;
    private final Map<String, View> views = new ConcurrentHashMap<>();

    void load(StorageEngine engine) {
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogViewsPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                View v = decode(c.value());
                views.put(v.name(), v);
            }
        }
    }

    /** The view called {@code name}, or null. */
    public View get(String name) {
        return views.get(name);
    }

    public void write(View v, WriteBatch batch) {
        batch.put(Keys.catalogViewKey(v.name()), encode(v));
    }

    public void writeDrop(View v, WriteBatch batch) {
        batch.delete(Keys.catalogViewKey(v.name()));
    }

    public void install(View v) {
        views.put(v.name(), v);
    }

    public void installDropped(View v) {
        views.remove(v.name(), v);
    }

    static byte[] encode(View v) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(v.name());
            out.writeShort(v.columns().size());
            for (String c : v.columns()) {
                out.writeUTF(c);
            }
            byte[] sql = v.sql().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(sql.length);
            out.write(sql);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static View decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("unknown view descriptor version " + version);
            }
            String name = in.readUTF();
            int n = in.readShort();
            List<String> cols = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                cols.add(in.readUTF());
            }
            byte[] sql = new byte[in.readInt()];
            in.readFully(sql);
            return new View(name, List.copyOf(cols), new String(sql, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt view descriptor", e);
        }
    }
}
