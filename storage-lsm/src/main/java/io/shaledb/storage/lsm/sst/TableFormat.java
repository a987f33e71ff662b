package io.shaledb.storage.lsm.sst;

import java.nio.charset.StandardCharsets;

/** Constants of the SSTable format, version 1; {@code docs/formats/sstable.md} is the specification. */
public final class TableFormat {
    private TableFormat() {}

    public static final byte[] MAGIC = "SHALESST".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int FOOTER_SIZE = 56;
    /** Block trailer: compression type (1 byte) and CRC-32C (4 bytes). */
    public static final int TRAILER_SIZE = 5;
    public static final byte NO_COMPRESSION = 0;
    public static final byte LZ4_COMPRESSION = 1;
}
