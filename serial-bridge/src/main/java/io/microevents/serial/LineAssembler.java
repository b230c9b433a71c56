package io.microevents.serial;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Cuts a byte stream into decoded lines, with a bound on the line length: the part of the reader
 * that jSerialComm's own delimiter listener lacks. Bytes of an overlong line are not kept; the
 * line is reported once, when its delimiter finally comes. Not thread-safe: one per reader thread.
 */
final class LineAssembler {

    /** Receives what the assembler makes of the stream; called on the feeding thread. */
    interface Listener {
        /**
         * A complete line: decoded, without its delimiter, with no control character but tab.
         *
         * @param line the line
         */
        void line(String line);

        /**
         * A line that was skipped.
         *
         * @param reason why
         * @param detail a short description for the port's last error
         */
        void dropped(DropReason reason, String detail);
    }

    private static final int INITIAL_CAPACITY = 256;

    private final byte[] delimiter;
    private final int[] fallback;
    private final boolean stripCarriageReturn;
    private final int maxLineLength;
    private final CharsetDecoder decoder;
    private final Listener listener;

    private byte[] buffer;
    private int length;
    private int matched;
    private boolean discarding;
    private long discarded;

    LineAssembler(String delimiter, Charset charset, int maxLineLength, Listener listener) {
        this.delimiter = delimiter.getBytes(charset);
        this.fallback = fallbackTable(this.delimiter);
        this.stripCarriageReturn = delimiter.equals("\n");
        this.maxLineLength = maxLineLength;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.listener = listener;
        this.buffer = new byte[Math.min(INITIAL_CAPACITY, maxLineLength + this.delimiter.length)];
    }

    /**
     * Feeds bytes read from the port.
     *
     * @param data the buffer
     * @param offset where the bytes start
     * @param count how many there are
     */
    void feed(byte[] data, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            accept(data[i]);
        }
    }

    /** Forgets a partial line (after a reconnect: its start was lost with the old connection). */
    void reset() {
        length = 0;
        matched = 0;
        discarding = false;
        discarded = 0;
    }

    private void accept(byte b) {
        if (!discarding) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineLength + delimiter.length));
            }
            buffer[length++] = b;
        } else {
            discarded++;
        }
        while (matched > 0 && delimiter[matched] != b) {
            matched = fallback[matched - 1];
        }
        if (delimiter[matched] == b) {
            matched++;
        }
        if (matched == delimiter.length) {
            matched = 0;
            if (discarding) {
                long size = discarded - delimiter.length;
                discarding = false;
                discarded = 0;
                listener.dropped(DropReason.TOO_LONG,
                        "line of " + size + " bytes is longer than max-line-length " + maxLineLength);
            } else {
                complete(length - delimiter.length);
            }
            length = 0;
        } else if (!discarding && length - matched > maxLineLength) {
            discarding = true;
            discarded = length;
            length = 0;
        }
    }

    private void complete(int end) {
        if (stripCarriageReturn && end > 0 && buffer[end - 1] == '\r') {
            end--;
        }
        CharBuffer chars;
        try {
            chars = decoder.reset().decode(ByteBuffer.wrap(buffer, 0, end));
        } catch (CharacterCodingException e) {
            listener.dropped(DropReason.INVALID_ENCODING, "line of " + end + " bytes is not valid " + decoder.charset());
            return;
        }
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                listener.dropped(DropReason.BINARY, String.format(
                        "line of %d bytes holds control character U+%04X at %d", end, (int) c, i));
                return;
            }
        }
        listener.line(chars.toString());
    }

    /** Knuth-Morris-Pratt failure function: how much of the delimiter still matches after a mismatch. */
    private static int[] fallbackTable(byte[] pattern) {
        int[] table = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = table[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            table[i] = k;
        }
        return table;
    }
}
