package io.shaledb.resp;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit across the clients of one event loop. The loop reads every ready socket, then runs
 * its tasks; the connections that received commands in that pass enlist here, and one task runs
 * their commands: the leading key commands of every enlisted client (of one database) as one
 * {@link PipelineBatch}, then each client's remaining commands in order, then one flush each.
 *
 * <pre>
 *   event loop pass:  read c1: SET k 1   read c2: INCR n   read c3: GET k   (enlist c1, c2, c3)
 *   then its task:    atomically { SET k 1 ; INCR n ; GET k }  one commit  ─>  flush c1, c2, c3
 * </pre>
 *
 * Fifty unpipelined clients of redis-benchmark thus share transactions the way a pipelined one
 * does, with no wait added: a pass's commands run as soon as the pass has read them. Clients keep
 * the order they were read in: the batch takes clients' commands only up to the first client with
 * a command that cannot join it (EXEC, SELECT, ...), and everything after that runs in read order.
 * Only the loop's own thread touches this object.
 */
final class LoopBatch implements Runnable {
    /** Commands one cross-client batch takes at most: bounds how long it holds its keys' stripes. */
    private static final int MAX_COMMANDS = 512;

    private final RespServer server;
    private final EventLoop loop;
    private List<RespConnection> enlisted = new ArrayList<>();
    private List<RespConnection> running = new ArrayList<>();
    private boolean scheduled;

    LoopBatch(RespServer server, EventLoop loop) {
        this.server = server;
        this.loop = loop;
    }

    /** {@code c} read commands in this pass (event loop only; a connection enlists once per pass). */
    void enlist(RespConnection c) {
        enlisted.add(c);
        if (!scheduled) {
            scheduled = true;
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        List<RespConnection> conns = enlisted;
        enlisted = running;
        running = conns;
        try {
            if (conns.size() > 1) {
                batchAcross(conns);
            }
            for (RespConnection c : conns) {
                c.finishRead();
            }
        } finally {
            conns.clear();
        }
    }

    private void batchAcross(List<RespConnection> conns) {
        List<PipelineBatch.Item> items = new ArrayList<>();
        int db = -1;
        for (RespConnection c : conns) {
            if (items.size() >= MAX_COMMANDS) {
                break;
            }
            int cdb = c.client().dbIndex();
            if (db >= 0 && cdb != db) {
                break; // another database's clients run their own batches in finishRead
            }
            if (c.takeBatchable(items) > 0) {
                db = cdb;
            }
            if (c.hasUnreadCommands()) {
                // it still has a command that cannot join (EXEC, SELECT ...): the clients read after
                // it must not overtake it, so they run after it, in finishRead's order
                break;
            }
        }
        if (items.size() == 1) {
            PipelineBatch.Item only = items.get(0);
            server.countCommand();
            RespConnection.invoke(only.cmd(), only.client(), only.args(), only.out());
        } else if (items.size() > 1) {
            PipelineBatch.run(server, db, items);
        }
    }
}
