package io.shaledb.txn;

import io.shaledb.storage.StorageEngine;
import java.util.Objects;

/**
 * A set of versioned rows a transaction reads and writes: an id (for locks, statistics and
 * serializable validation), a name for messages, the engine holding it, and the prefix every one
 * of its keys starts with (what vacuum scans). User keys within a relation must be prefix-free —
 * no key a proper prefix of another — so that a key's versions are exactly the engine keys that
 * start with it; the order-preserving tuple encoding guarantees that.
 */
public record Relation(int id, String name, StorageEngine engine, byte[] keyPrefix) {
    public Relation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Relation r && r.id == id && r.engine == engine;
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "relation " + name + " (" + id + ", " + engine.name() + ")";
    }
}
