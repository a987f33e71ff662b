package io.shaledb.storage.btree.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.OpenMode;
import io.shaledb.storage.btree.page.Cells;
import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import io.shaledb.wal.Wal;
import io.shaledb.wal.WalOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redo of {@link PageChanges} records through {@link Recovery#redo}: each delta kind rebuilds
 * exactly the page the forward path produced; a delta is skipped on a page already at its LSN and
 * refused (with file and page) on a torn, missing or older-than-expected page.
 */
class PageDeltaRedoTest {

    private static final int PAGE = 4096;
    private final CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
    private final Path dir = Path.of("/redo");
    private PageFile file;
    private Wal wal;

    @BeforeEach
    void open() throws IOException {
        fs.createDirectoriesDurably(dir);
        file = PageFile.open(fs, dir.resolve("btree.data"), PAGE);
        wal = Wal.open(fs, dir.resolve("wal"), WalOptions.defaults());
    }

    @AfterEach
    void close() throws IOException {
        wal.close();
        file.close();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] leafCell(int k, int valueLength) {
        byte[] v = new byte[valueLength];
        java.util.Arrays.fill(v, (byte) k);
        return Cells.leaf(key(k), false, 0, v, false, 0);
    }

    /** A leaf page {@code pageNo} at LSN {@code lsn} with cells for keys 0, 10, 20, ... */
    private static byte[] leaf(int pageNo, long lsn, int cells, int valueLength) {
        byte[] p = new byte[PAGE];
        SlottedPage.init(p, PageType.LEAF, pageNo);
        for (int i = 0; i < cells; i++) {
            assertThat(SlottedPage.insert(p, i, leafCell(i * 10, valueLength))).isTrue();
        }
        Page.setLsn(p, lsn);
        return p;
    }

    private void store(byte[] p) throws IOException {
        file.write(Page.pageNo(p), p.clone());
    }

    private byte[] load(int pageNo) throws IOException {
        byte[] p = new byte[PAGE];
        file.read(pageNo, p);
        return p;
    }

    /** Applies slot operations to {@code page} the way the tree's PageContext does: the change and its delta. */
    private static final class Forward {
        final byte[] page;
        final PageDelta delta;

        Forward(byte[] before) {
            page = before.clone();
            delta = new PageDelta(Page.lsn(before));
        }

        Forward insert(int slot, byte[] cell) {
            assertThat(SlottedPage.insert(page, slot, cell)).isTrue();
            delta.insert(slot, cell);
            return this;
        }

        Forward remove(int slot) {
            SlottedPage.remove(page, slot);
            delta.remove(slot);
            return this;
        }
    }

    /** Logs {@code changes} as one record (redo LSN {@code redoLsn}) and returns its LSN. */
    private long log(List<PageChanges.Change> changes, long redoLsn) throws IOException {
        long lsn = wal.append(PageChanges.TYPE, PageChanges.encode(changes, redoLsn));
        wal.flush(); // redo reads the log files
        return lsn;
    }

    private static List<byte[]> cells(byte[] p) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < SlottedPage.count(p); i++) {
            out.add(SlottedPage.cell(p, i));
        }
        return out;
    }

    /** Same cells, same free space and fragmentation, same header: equal but for the unused gap. */
    private static void assertSamePage(byte[] actual, byte[] expected) {
        assertThat(Page.type(actual)).isEqualTo(Page.type(expected));
        assertThat(Page.pageNo(actual)).isEqualTo(Page.pageNo(expected));
        assertThat(java.util.Arrays.equals(actual, Page.OFF_SPECIFIC, Page.HEADER_SIZE, expected, Page.OFF_SPECIFIC,
                Page.HEADER_SIZE)).as("slotted-page header").isTrue();
        assertThat(cells(actual)).containsExactlyElementsOf(cells(expected));
        for (int i = 0; i < SlottedPage.count(expected); i++) {
            assertThat(SlottedPage.cellOffset(actual, i)).as("offset of cell %d", i)
                    .isEqualTo(SlottedPage.cellOffset(expected, i));
        }
    }

    /** Stores {@code before}, logs the forward change as a delta, redoes, and compares with the forward page. */
    private void roundTrip(byte[] before, Consumer<Forward> change) throws IOException {
        store(before);
        long from = wal.endLsn();
        Forward f = new Forward(before);
        change.accept(f);
        PageChanges.Change c = new PageChanges.Change(f.page, f.delta);
        assertThat(PageChanges.asDelta(c, Page.lsn(before))).as("last changed at the redo point: a delta").isTrue();
        assertThat(PageChanges.asDelta(c, Page.lsn(before) + 1)).as("last changed before the redo point: an image").isFalse();
        long lsn = log(List.of(c), 0);
        Recovery.redo(wal, file, from);
        byte[] after = load(Page.pageNo(before));
        assertSamePage(after, f.page);
        assertThat(Page.lsn(after)).isEqualTo(lsn);
        // replaying again is a no-op: the page already carries the record's LSN
        Recovery.redo(wal, file, from);
        assertThat(load(Page.pageNo(before))).isEqualTo(after);
    }

    @Test
    void insertIntoALeaf() throws IOException {
        roundTrip(leaf(1, 7, 20, 30), f -> f.insert(3, leafCell(25, 40)));
    }

    @Test
    void removeFromALeaf() throws IOException {
        roundTrip(leaf(1, 7, 20, 30), f -> f.remove(5).remove(0));
    }

    @Test
    void replaceACell() throws IOException {
        roundTrip(leaf(1, 7, 20, 30), f -> f.remove(4).insert(4, leafCell(40, 90)));
    }

    @Test
    void insertThatCompactsAFragmentedPage() throws IOException {
        byte[] before = leaf(2, 7, 60, 50);
        for (int i = 58; i >= 2; i -= 3) {
            SlottedPage.remove(before, i); // holes in the middle of the cell area
        }
        int free = SlottedPage.freeSpace(before);
        roundTrip(before, f -> f.insert(1, leafCell(5, free - 9 - 4 - 2)));
    }

    @Test
    void internalPageSlotZeroBecomesTheLowSentinel() throws IOException {
        byte[] before = new byte[PAGE];
        SlottedPage.init(before, PageType.INTERNAL, 3);
        SlottedPage.insert(before, 0, Cells.lowSentinel(10));
        for (int i = 1; i < 5; i++) {
            SlottedPage.insert(before, i, Cells.internal(key(i * 100), false, 0, 10 + i));
        }
        Page.setLsn(before, 9);
        roundTrip(before, f -> f.remove(0).remove(0).insert(0, Cells.lowSentinel(11)).insert(2, Cells.internal(key(250), false, 0, 99)));
    }

    @Test
    void imageThenDeltasRepairATornPage() throws IOException {
        byte[] before = leaf(1, 7, 20, 30);
        store(before);
        tear(1);
        long from = wal.endLsn();
        Forward first = new Forward(before).insert(0, leafCell(-1, 10));
        PageChanges.Change c1 = new PageChanges.Change(first.page, first.delta);
        assertThat(PageChanges.asDelta(c1, from + 1)).as("last change before the redo point: an image").isFalse();
        long lsn1 = log(List.of(c1), from + 1);
        byte[] afterFirst = first.page.clone();
        Page.setLsn(afterFirst, lsn1);
        Forward second = new Forward(afterFirst).remove(3).insert(3, leafCell(31, 5));
        log(List.of(new PageChanges.Change(second.page, second.delta)), from);
        Recovery.redo(wal, file, from);
        assertSamePage(load(1), second.page);
    }

    @Test
    void deltaOnATornPageIsRefusedWithFileAndPage() throws IOException {
        byte[] before = leaf(1, 7, 20, 30);
        store(before);
        tear(1);
        long from = wal.endLsn();
        Forward f = new Forward(before).remove(2);
        log(List.of(new PageChanges.Change(f.page, f.delta)), 0);
        assertThatThrownBy(() -> Recovery.redo(wal, file, from)).isInstanceOf(CorruptPageException.class)
                .hasMessageContaining("btree.data").hasMessageContaining("page 1").hasMessageContaining("torn");
    }

    @Test
    void deltaOnAMissingPageIsRefused() throws IOException {
        store(leaf(1, 7, 3, 30));
        long from = wal.endLsn();
        Forward f = new Forward(leaf(5, 7, 3, 30)).remove(1);
        log(List.of(new PageChanges.Change(f.page, f.delta)), 0);
        assertThatThrownBy(() -> Recovery.redo(wal, file, from)).isInstanceOf(CorruptPageException.class)
                .hasMessageContaining("page 5");
    }

    @Test
    void deltaOnAnOlderPageThanExpectedIsRefused() throws IOException {
        store(leaf(1, 3, 20, 30));
        long from = wal.endLsn();
        Forward f = new Forward(leaf(1, 7, 20, 30)).remove(2); // made against LSN 7, the disk has 3
        log(List.of(new PageChanges.Change(f.page, f.delta)), 0);
        assertThatThrownBy(() -> Recovery.redo(wal, file, from)).isInstanceOf(CorruptPageException.class)
                .hasMessageContaining("page 1").hasMessageContaining("LSN 7").hasMessageContaining("LSN 3");
    }

    @Test
    void oldPageImageRecordsStillReplay() throws IOException {
        byte[] before = leaf(1, 7, 20, 30);
        store(before);
        tear(1);
        long from = wal.endLsn();
        long lsn = wal.append(PageImages.TYPE, PageImages.encode(List.of(before)));
        wal.flush();
        Recovery.redo(wal, file, from);
        byte[] after = load(1);
        assertSamePage(after, before);
        assertThat(Page.lsn(after)).isEqualTo(lsn);
    }

    /** Overwrites the middle of page {@code pageNo} on disk, as a torn write would. */
    private void tear(int pageNo) throws IOException {
        try (FileHandle h = fs.open(dir.resolve("btree.data"), OpenMode.READ_WRITE)) {
            byte[] garbage = new byte[512];
            java.util.Arrays.fill(garbage, (byte) 0x5A);
            h.write(ByteBuffer.wrap(garbage), (long) pageNo * PAGE + 1024);
        }
    }
}
