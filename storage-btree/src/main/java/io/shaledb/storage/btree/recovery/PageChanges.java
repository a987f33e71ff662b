package io.shaledb.storage.btree.recovery;

import io.shaledb.storage.btree.page.Page;
import io.shaledb.wal.RecordTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The B+Tree's WAL record (since format 2 of the log): every page one operation (a put, a delete
 * or a whole write batch) changed, each either as a full page image or as a compact
 * {@link PageDelta}. One record per operation keeps the operation atomic in recovery.
 *
 * <p>The full-page-image rule (as PostgreSQL's {@code full_page_writes}): a page is logged as a
 * delta only when it has one (its changes in this operation were all slot inserts and removes) and
 * its LSN before the change is at or after the current checkpoint's redo LSN; i.e. the first
 * change of every page after a checkpoint's redo point, and every change that is not a plain
 * cell insert or removal (splits, merges, new and freed pages, overflow pages, the meta page), log
 * the whole page. Redo therefore meets every page in its range first as an image, which repairs a
 * page torn by the crash (the argument is in the package essay).
 *
 * <pre>
 * payload: count u32, then per page:  page u32 | kind u8 | ...
 *   kind 0, image:  head length u32 | tail offset u32 | head bytes | tail bytes   (as {@link PageImages})
 *   kind 1, delta:  previous LSN u64 | op count u32 | ops length u32 | ops        (see {@link PageDelta})
 * </pre>
 */
public final class PageChanges {

    /** WAL record type {@code btree.page-changes} (code 49). */
    public static final byte TYPE = RecordTypes.register(RecordTypes.Range.BTREE, 49, "btree.page-changes");

    public static final int IMAGE = 0;
    public static final int DELTA = 1;

    private PageChanges() {}

    /** One changed page: its current image, and its delta when every change to it was a slot operation (else null). */
    public record Change(byte[] page, PageDelta delta) {}

    /** Whether {@code c} goes into a record as a delta when the checkpoint redo LSN is {@code redoLsn}. */
    public static boolean asDelta(Change c, long redoLsn) {
        return c.delta() != null && c.delta().prevLsn() >= redoLsn;
    }

    /**
     * The record for {@code changes}: a full image of each page {@link #asDelta} rejects, and of
     * each page whose delta would be larger than its image.
     */
    public static byte[] encode(List<Change> changes, long redoLsn) {
        int total = 4;
        int[][] holes = new int[changes.size()][];
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            byte[] p = c.page();
            int[] hole = PageImages.hole(p);
            int imageBytes = 8 + hole[0] + (p.length - hole[1]);
            if (asDelta(c, redoLsn) && 16 + c.delta().length() <= imageBytes) {
                total += 5 + 16 + c.delta().length();
            } else {
                holes[i] = hole; // an image: required, or smaller than the delta (a batch rewriting a page)
                total += 5 + imageBytes;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            byte[] p = c.page();
            b.putInt(Page.pageNo(p));
            if (holes[i] == null) {
                b.put((byte) DELTA).putLong(c.delta().prevLsn()).putInt(c.delta().count()).putInt(c.delta().length());
                c.delta().writeOps(b);
            } else {
                b.put((byte) IMAGE).putInt(holes[i][0]).putInt(holes[i][1]);
                b.put(p, 0, holes[i][0]);
                b.put(p, holes[i][1], p.length - holes[i][1]);
            }
        }
        return b.array();
    }

    /** Receives the decoded parts of a record. */
    public interface Sink {
        void image(int pageNo, byte[] image) throws IOException;

        /** {@code ops} holds exactly the delta's operations. */
        void delta(int pageNo, long prevLsn, int count, ByteBuffer ops) throws IOException;
    }

    public static void decode(ByteBuffer payload, int pageSize, Sink sink) throws IOException {
        ByteBuffer b = payload.duplicate();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            int pageNo = b.getInt();
            int kind = b.get();
            if (kind == IMAGE) {
                int head = b.getInt();
                int tail = b.getInt();
                if (head < 0 || head > pageSize || tail < head || tail > pageSize) {
                    throw new IOException("malformed page-changes record: page " + pageNo + " head " + head + " tail " + tail);
                }
                byte[] image = new byte[pageSize];
                b.get(image, 0, head);
                b.get(image, tail, pageSize - tail);
                sink.image(pageNo, image);
            } else if (kind == DELTA) {
                long prevLsn = b.getLong();
                int count = b.getInt();
                int length = b.getInt();
                if (count < 0 || length < 0 || length > b.remaining()) {
                    throw new IOException("malformed page-changes record: page " + pageNo + " delta of " + count
                            + " operations in " + length + " bytes");
                }
                ByteBuffer ops = b.slice(b.position(), length);
                b.position(b.position() + length);
                sink.delta(pageNo, prevLsn, count, ops);
            } else {
                throw new IOException("malformed page-changes record: page " + pageNo + " kind " + kind);
            }
        }
    }
}
