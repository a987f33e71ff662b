package io.shaledb.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** An ordered list of puts and deletes that an engine applies atomically. */
public final class WriteBatch {

    /** One operation; {@code value == null} means delete. */
    public record Op(byte[] key, byte[] value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();
    private long bytes;

    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Op(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value")));
        bytes += key.length + value.length;
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Op(Objects.requireNonNull(key, "key"), null));
        bytes += key.length;
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    /** Sum of key and value lengths: the user bytes this batch writes. */
    public long byteSize() {
        return bytes;
    }

    public void clear() {
        ops.clear();
        bytes = 0;
    }
}
