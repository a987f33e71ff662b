package io.shaledb.storage.btree;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * Page latches, not a tree latch: a writer stalled (by a test hook, not by timing) while it holds a
 * leaf exclusively does not stop a reader, a scan or another writer in a different part of the
 * tree; a reader of the stalled leaf itself does queue on that leaf's latch and sees the write
 * once it is released.
 */
class LatchCouplingTest {

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @Test
    void aWriterStalledInOneLeafBlocksNobodyElsewhere() throws Exception {
        BTreeOptions options = BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(1L << 20);
        ExecutorService threads = Executors.newCachedThreadPool();
        try (BTreeEngine e = BTreeEngine.open(new CrashSimulatingFileSystem(), Path.of("/latch"), options)) {
            for (int i = 0; i < 5000; i++) {
                e.put(key(i), ("v" + i).getBytes());
            }
            assertThat(e.inspect().height()).isGreaterThanOrEqualTo(2);

            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            AtomicReference<ReentrantReadWriteLock> stalledLatch = new AtomicReference<>();
            Thread[] writerThread = new Thread[1];
            e.setLeafHook((leafId, latch) -> {
                if (Thread.currentThread() == writerThread[0] && stalledLatch.compareAndSet(null, latch)) {
                    assertThat(latch.isWriteLockedByCurrentThread()).isTrue();
                    stalled.countDown();
                    try {
                        proceed.await();
                    } catch (InterruptedException ex) {
                        throw new java.io.InterruptedIOException();
                    }
                }
            });
            Future<?> writer = threads.submit(() -> {
                writerThread[0] = Thread.currentThread();
                e.put(key(10), "new".getBytes());
                return null;
            });
            assertThat(stalled.await(30, TimeUnit.SECONDS)).as("the writer reached its leaf").isTrue();

            // a point read, a scan and a write at the other end of the tree all complete while it is stalled
            Future<byte[]> farGet = threads.submit(() -> e.get(key(4990)));
            assertThat(farGet.get(30, TimeUnit.SECONDS)).isEqualTo("v4990".getBytes());
            Future<Integer> farScan = threads.submit(() -> {
                int n = 0;
                try (Cursor c = e.scan(KeyRange.halfOpen(key(4000), key(5000)), Direction.BACKWARD)) {
                    while (c.next()) {
                        n++;
                    }
                }
                return n;
            });
            assertThat(farScan.get(30, TimeUnit.SECONDS)).isEqualTo(1000);
            Future<?> farPut = threads.submit(() -> {
                e.put(key(4991), "other".getBytes());
                return null;
            });
            farPut.get(30, TimeUnit.SECONDS);
            assertThat(writer).as("the stalled writer is still stalled").isNotDone();

            // a reader of the same leaf queues on its latch (observed on the lock, not by waiting)
            Future<byte[]> sameLeaf = threads.submit(() -> e.get(key(11)));
            ReentrantReadWriteLock latch = stalledLatch.get();
            while (!latch.hasQueuedThreads()) {
                Thread.onSpinWait();
            }
            assertThat(sameLeaf).isNotDone();

            proceed.countDown();
            writer.get(30, TimeUnit.SECONDS);
            assertThat(sameLeaf.get(30, TimeUnit.SECONDS)).isEqualTo("v11".getBytes());
            e.setLeafHook(null);
            assertThat(e.get(key(10))).isEqualTo("new".getBytes());
            assertThat(e.get(key(4991))).isEqualTo("other".getBytes());
            assertThat(e.verify()).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }
}
