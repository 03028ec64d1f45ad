package dev.ms5.timescale.jdbc.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values straddling the 64 KiB chunks come out whole, in order, and a row can be taken back. */
class CopyBufferTest {

    @Test
    void valuesAcrossChunkBoundariesComeOutInOrder() throws SQLException {
        CopyBuffer buffer = new CopyBuffer();
        ByteBuffer expected = ByteBuffer.allocate(3 * CopyBuffer.CHUNK);
        buffer.writeByte(0xAB); // odd offset, so that later values straddle chunk ends
        expected.put((byte) 0xAB);
        for (long i = 0; expected.remaining() > 64; i++) {
            buffer.writeShort((short) i);
            buffer.writeInt((int) (i * 31));
            buffer.writeLong(i * 1_000_003L);
            expected.putShort((short) i).putInt((int) (i * 31)).putLong(i * 1_000_003L);
        }
        byte[] big = new byte[CopyBuffer.CHUNK + 10];
        big[0] = 1;
        big[big.length - 1] = 2;

        assertThat(drain(buffer)).isEqualTo(java.util.Arrays.copyOf(expected.array(), expected.position()));
        assertThat(buffer.size()).isEqualTo(expected.position());

        buffer.clear();
        buffer.write(big);
        assertThat(drain(buffer)).isEqualTo(big);
    }

    @Test
    void resetTakesBackWhatWasWrittenAfterTheMark() throws SQLException {
        CopyBuffer buffer = new CopyBuffer();
        buffer.write(new byte[CopyBuffer.CHUNK]); // exactly one full chunk
        long mark = buffer.mark();
        buffer.write(new byte[CopyBuffer.CHUNK + 3]);

        buffer.reset(mark);
        buffer.writeInt(0x01020304);

        byte[] bytes = drain(buffer);
        assertThat(bytes).hasSize(CopyBuffer.CHUNK + 4);
        assertThat(HexFormat.of().formatHex(bytes, CopyBuffer.CHUNK, bytes.length)).isEqualTo("01020304");
    }

    @Test
    void drainSendsChunkSizedPieces() throws SQLException {
        CopyBuffer buffer = new CopyBuffer();
        buffer.write(new byte[2 * CopyBuffer.CHUNK + 5]);
        List<Integer> pieces = new ArrayList<>();

        buffer.drainTo((bytes, length) -> pieces.add(length));

        assertThat(pieces).containsExactly(CopyBuffer.CHUNK, CopyBuffer.CHUNK, 5);
    }

    static byte[] drain(CopyBuffer buffer) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        buffer.drainTo((bytes, length) -> out.write(bytes, 0, length));
        return out.toByteArray();
    }

    static String hex(CopyBuffer buffer) {
        try {
            return HexFormat.of().formatHex(drain(buffer));
        } catch (SQLException e) {
            throw new UncheckedIOException(new java.io.IOException(e));
        }
    }
}
