package dev.ms5.timescale.jdbc.internal.ingest;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch's encoded rows, big-endian, in 64 KiB chunks that are kept for the next batch: no array grows with the
 * batch, and none is made per row. A mark taken before a row lets a failed row be taken back.
 */
public final class CopyBuffer {

    /** Where the bytes go: a COPY in progress, or a test's stream. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes bytes.
         *
         * @param bytes  the array
         * @param length how many bytes from its start
         * @throws SQLException when the server refuses
         */
        void write(byte[] bytes, int length) throws SQLException;
    }

    static final int CHUNK = 64 * 1024;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int index;
    private int position;

    /** Creates an empty buffer with one chunk. */
    public CopyBuffer() {
        current = new byte[CHUNK];
        chunks.add(current);
    }

    /**
     * Returns the bytes written since the last {@link #clear()}.
     *
     * @return the size
     */
    public long size() {
        return (long) index * CHUNK + position;
    }

    /**
     * Returns a mark to come back to with {@link #reset(long)}.
     *
     * @return the mark
     */
    public long mark() {
        return size();
    }

    /**
     * Drops what was written after a mark.
     *
     * @param mark a mark of this batch
     */
    public void reset(long mark) {
        // A mark on a chunk boundary is the end of the full chunk, which exists, not the start of the next.
        index = mark == 0 ? 0 : (int) ((mark - 1) / CHUNK);
        position = (int) (mark - (long) index * CHUNK);
        current = chunks.get(index);
    }

    /** Empties the buffer, keeping its chunks. */
    public void clear() {
        reset(0);
    }

    /**
     * Sends everything written, in chunk-sized pieces.
     *
     * @param sink where to
     * @throws SQLException when the sink fails
     */
    public void drainTo(Sink sink) throws SQLException {
        for (int i = 0; i < index; i++) {
            sink.write(chunks.get(i), CHUNK);
        }
        if (position > 0) {
            sink.write(current, position);
        }
    }

    void writeByte(int value) {
        if (position == CHUNK) {
            next();
        }
        current[position++] = (byte) value;
    }

    void writeShort(int value) {
        if (CHUNK - position < 2) {
            writeByte(value >>> 8);
            writeByte(value);
            return;
        }
        current[position] = (byte) (value >>> 8);
        current[position + 1] = (byte) value;
        position += 2;
    }

    void writeInt(int value) {
        if (CHUNK - position < 4) {
            writeShort(value >>> 16);
            writeShort(value);
            return;
        }
        current[position] = (byte) (value >>> 24);
        current[position + 1] = (byte) (value >>> 16);
        current[position + 2] = (byte) (value >>> 8);
        current[position + 3] = (byte) value;
        position += 4;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    void write(byte[] bytes) {
        int offset = 0;
        while (offset < bytes.length) {
            if (position == CHUNK) {
                next();
            }
            int n = Math.min(CHUNK - position, bytes.length - offset);
            System.arraycopy(bytes, offset, current, position, n);
            position += n;
            offset += n;
        }
    }

    private void next() {
        index++;
        if (index == chunks.size()) {
            chunks.add(new byte[CHUNK]);
        }
        current = chunks.get(index);
        position = 0;
    }
}
