package io.shaledb.storage.lsm;

import io.shaledb.storage.lsm.sst.EntryIterator;
import io.shaledb.storage.lsm.sst.InternalKeys;
import java.util.List;

/**
 * Iterates a sorted level (1 and up) as one stream, opening each file's iterator only when the
 * previous file is used up, so a scan touches only the files it actually reaches.
 */
final class LevelIterator implements EntryIterator {
    private final List<FileMeta> files;
    private final boolean forward;
    private int index;
    private EntryIterator current;

    LevelIterator(List<FileMeta> files, byte[] start, boolean forward) {
        this.files = files;
        this.forward = forward;
        if (forward) {
            index = 0;
            if (start != null) {
                while (index < files.size() && InternalKeys.compare(files.get(index).largest, start) < 0) {
                    index++;
                }
            }
        } else {
            index = files.size() - 1;
            if (start != null) {
                while (index >= 0 && InternalKeys.compare(files.get(index).smallest, start) > 0) {
                    index--;
                }
            }
        }
        if (index >= 0 && index < files.size()) {
            current = files.get(index).reader.iterator(start, forward);
            settle();
        }
    }

    private void settle() {
        while (current != null && !current.valid()) {
            index += forward ? 1 : -1;
            current = index >= 0 && index < files.size() ? files.get(index).reader.iterator(null, forward) : null;
        }
    }

    @Override
    public boolean valid() {
        return current != null;
    }

    @Override
    public byte[] key() {
        return current.key();
    }

    @Override
    public byte[] value() {
        return current.value();
    }

    @Override
    public void next() {
        current.next();
        settle();
    }
}
