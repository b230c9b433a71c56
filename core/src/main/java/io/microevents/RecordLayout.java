package io.microevents;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The layout of a {@link Ring}'s records in its {@code byte[]}, and the wrap-around arithmetic
 * on it: a record is a 4-byte header (the id in 2 bytes, then the payload length in 2 bytes, both
 * big-endian) followed by the payload; records follow one another and wrap around the end of the
 * array, a header too. Positions are indices into the array, whose length is the ring's capacity.
 * Stateless; the ring's lock guards the array.
 */
final class RecordLayout {

    /** Bytes of a record header: 2 for the id, 2 for the payload length. */
    static final int HEADER_BYTES = 4;

    /** Offset of the payload length in a record. */
    private static final int LENGTH_OFFSET = 2;

    /** Id written over a pulled record: no live message has it. */
    static final int MARKED = 0;

    /** The 4 header bytes as one big-endian int, for a header that does not wrap. */
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private RecordLayout() {
    }

    /**
     * The header of the record at {@code p} in one read: the id in the high 16 bits, the payload
     * length in the low 16 bits (see {@link #headerId(int)} and {@link #headerLength(int)}).
     */
    static int header(byte[] buf, int p) {
        if (buf.length - p >= HEADER_BYTES) {
            return (int) INT_BE.get(buf, p);
        }
        return readU16(buf, p) << 16 | readU16(buf, advance(buf, p, LENGTH_OFFSET));
    }

    /** The id in a {@link #header(byte[], int)} value. */
    static int headerId(int header) {
        return header >>> 16;
    }

    /** The payload length in a {@link #header(byte[], int)} value. */
    static int headerLength(int header) {
        return header & 0xFFFF;
    }

    /** The bytes a record with a payload of {@code length} takes. */
    static int recordBytes(int length) {
        return HEADER_BYTES + length;
    }

    /** The position {@code n} bytes after {@code p} (n at most the capacity), wrapping around. */
    static int advance(byte[] buf, int p, int n) {
        int rest = buf.length - p;
        return n < rest ? p + n : n - rest;
    }

    /** The id of the record at {@code p}; {@link #MARKED} for a pulled one. */
    static int id(byte[] buf, int p) {
        return readU16(buf, p);
    }

    /** The payload length of the record at {@code p}. */
    static int length(byte[] buf, int p) {
        return readU16(buf, advance(buf, p, LENGTH_OFFSET));
    }

    /** Where the payload of the record at {@code p} starts. */
    static int payload(byte[] buf, int p) {
        return advance(buf, p, HEADER_BYTES);
    }

    /** Where the record after the one at {@code p} starts. */
    static int next(byte[] buf, int p) {
        return advance(buf, p, recordBytes(length(buf, p)));
    }

    /** Marks the record at {@code p} as pulled: its id becomes {@link #MARKED}. */
    static void mark(byte[] buf, int p) {
        buf[p] = (byte) MARKED;
        buf[advance(buf, p, 1)] = (byte) MARKED;
    }

    /**
     * Writes a record at {@code p}: the header, then {@code len} bytes of {@code src} from
     * {@code off}. The caller has checked that it fits.
     *
     * @return the position after it
     */
    static int write(byte[] buf, int p, int id, byte[] src, int off, int len) {
        int cap = buf.length;
        if (cap - p > HEADER_BYTES) {
            INT_BE.set(buf, p, id << 16 | len);
            p += HEADER_BYTES;
        } else {
            p = putByte(buf, p, id >>> 8);
            p = putByte(buf, p, id);
            p = putByte(buf, p, len >>> 8);
            p = putByte(buf, p, len);
        }
        int first = cap - p;
        if (len < first) {
            System.arraycopy(src, off, buf, p, len);
            return p + len;
        }
        System.arraycopy(src, off, buf, p, first);
        System.arraycopy(src, off + first, buf, 0, len - first);
        return len - first;
    }

    /** Copies {@code len} bytes from {@code p} on, wrapping around, to the start of {@code dst}. */
    static void copyOut(byte[] buf, int p, byte[] dst, int len) {
        int first = buf.length - p;
        if (len <= first) {
            System.arraycopy(buf, p, dst, 0, len);
        } else {
            System.arraycopy(buf, p, dst, 0, first);
            System.arraycopy(buf, 0, dst, first, len - first);
        }
    }

    private static int readU16(byte[] buf, int p) {
        int q = p + 1 == buf.length ? 0 : p + 1;
        return (buf[p] & 0xFF) << 8 | buf[q] & 0xFF;
    }

    private static int putByte(byte[] buf, int p, int v) {
        buf[p] = (byte) v;
        return p + 1 == buf.length ? 0 : p + 1;
    }
}
