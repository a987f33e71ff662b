package io.shaledb.wal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** A record as the tests see it: LSN, type and a copy of the payload. */
record Rec(long lsn, byte type, byte[] payload) {

    static List<Rec> replayAll(Wal wal, long from) throws Exception {
        List<Rec> out = new ArrayList<>();
        wal.replay(from, (lsn, type, payload) -> out.add(new Rec(lsn, type, copy(payload))));
        return out;
    }

    static List<Rec> replayAll(Wal wal) throws Exception {
        return replayAll(wal, wal.firstLsn());
    }

    static byte[] copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rec r && r.lsn == lsn && r.type == type && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lsn) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String p = payload.length <= 16 ? HexFormat.of().formatHex(payload)
                : HexFormat.of().formatHex(payload, 0, 16) + "...";
        return "Rec[lsn=" + lsn + ", type=" + Byte.toUnsignedInt(type) + ", len=" + payload.length + ", " + p + "]";
    }
}
