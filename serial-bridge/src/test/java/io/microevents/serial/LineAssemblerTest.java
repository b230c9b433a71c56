package io.microevents.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LineAssemblerTest {

    private final List<String> lines = new ArrayList<>();
    private final List<DropReason> drops = new ArrayList<>();
    private final LineAssembler.Listener listener = new LineAssembler.Listener() {
        @Override
        public void line(String line) {
            lines.add(line);
        }

        @Override
        public void dropped(DropReason reason, String detail) {
            drops.add(reason);
        }
    };

    private LineAssembler assembler(String delimiter, int maxLineLength) {
        return assembler(delimiter, StandardCharsets.UTF_8, maxLineLength);
    }

    private LineAssembler assembler(String delimiter, Charset charset, int maxLineLength) {
        return new LineAssembler(delimiter, charset, maxLineLength, listener);
    }

    private static void feed(LineAssembler assembler, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assembler.feed(bytes, 0, bytes.length);
    }

    @Test
    void cutsLinesAndToleratesCarriageReturnsBeforeNewline() {
        LineAssembler assembler = assembler("\n", 1024);
        feed(assembler, "temp 23.5\ntemp 24\r\n\ncaf\u00e9 \u2103\npartial");
        assertThat(lines).containsExactly("temp 23.5", "temp 24", "", "caf\u00e9 \u2103");
        assertThat(drops).isEmpty();
    }

    @Test
    void anyChunkingOfTheStreamGivesTheSameLines() {
        String text = "a 1\r\nbb 22\n\u00e9v\u00e9nement 3\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nok\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            lines.clear();
            drops.clear();
            LineAssembler assembler = assembler("\n", 16);
            int at = 0;
            while (at < bytes.length) {
                int n = 1 + random.nextInt(Math.min(8, bytes.length - at));
                assembler.feed(bytes, at, n);
                at += n;
            }
            assertThat(lines).containsExactly("a 1", "bb 22", "\u00e9v\u00e9nement 3", "ok");
            assertThat(drops).containsExactly(DropReason.TOO_LONG);
        }
    }

    @Test
    void multiByteDelimitersMatchAcrossPartialMatches() {
        LineAssembler crlf = assembler("\r\n", 1024);
        feed(crlf, "temp 1\r\ntemp 2\r\nbare\nnewline\r\n");
        assertThat(lines).containsExactly("temp 1", "temp 2");
        assertThat(drops).containsExactly(DropReason.BINARY);

        lines.clear();
        LineAssembler ababc = assembler("abab", 1024);
        feed(ababc, "xabaababyababz");
        assertThat(lines).containsExactly("xaba", "y");
    }

    @Test
    void anOverlongLineIsReportedOnceAndTheNextLineIsKept() {
        LineAssembler assembler = assembler("\n", 8);
        feed(assembler, "12345678\n123456789");
        feed(assembler, "0".repeat(100_000));
        feed(assembler, "\nnext\n");
        assertThat(lines).containsExactly("12345678", "next");
        assertThat(drops).containsExactly(DropReason.TOO_LONG);
    }

    @Test
    void invalidEncodingAndControlCharactersAreDropped() {
        LineAssembler assembler = assembler("\n", 64);
        byte[] invalid = {'t', ' ', (byte) 0xC3, 0x28, '\n', (byte) 0xFF, '\n'};
        assembler.feed(invalid, 0, invalid.length);
        feed(assembler, "t \u0000\u0007\nt\ttab\n");
        assertThat(drops).containsExactly(DropReason.INVALID_ENCODING, DropReason.INVALID_ENCODING, DropReason.BINARY);
        assertThat(lines).containsExactly("t\ttab");
    }

    @Test
    void otherCharsetsDecodeTheirOwnBytes() {
        LineAssembler assembler = assembler("\n", StandardCharsets.ISO_8859_1, 64);
        byte[] latin1 = {'t', ' ', (byte) 0xB0, 'C', '\n'};
        assembler.feed(latin1, 0, latin1.length);
        assertThat(lines).containsExactly("t \u00b0C");
    }

    @Test
    void resetForgetsAPartialLine() {
        LineAssembler assembler = assembler("\n", 64);
        feed(assembler, "half of a li");
        assembler.reset();
        feed(assembler, "whole\n");
        assertThat(lines).containsExactly("whole");
    }
}
