package io.microevents;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders values that came from outside (event arguments, serial lines, request bodies) for a log
 * line or a stored error message: bounded in length and unable to forge a line.
 *
 * <p>Control characters (including {@code \r}, {@code \n}, {@code \t}, DEL, the C1 range and the
 * Unicode line and paragraph separators) are written as Java escapes such as {@code \n} or
 * {@code \u2028}. A rendering longer than the limit is cut, and the cut is stated with the
 * original length of a text: {@code aaaa… (60000 chars in all)}. Arrays, collections and maps are rendered
 * element by element and stop once the limit is reached, so a huge argument is never copied
 * whole.
 */
public final class SafeText {

    /** The default limit, in characters, of one rendered value. */
    public static final int DEFAULT_MAX_CHARS = 200;

    private SafeText() {
    }

    /**
     * Renders a value with the {@linkplain #DEFAULT_MAX_CHARS default limit}.
     *
     * @param value any value, or null
     * @return the rendering, at most about {@value #DEFAULT_MAX_CHARS} characters plus the note
     *     of the cut
     */
    public static String of(Object value) {
        return of(value, DEFAULT_MAX_CHARS);
    }

    /**
     * Renders a value in at most {@code maxChars} characters, plus the note of the cut.
     *
     * @param value any value, or null; arrays (also primitive ones), collections and maps are
     *     rendered element by element
     * @param maxChars how many characters of the rendering to keep
     * @return the rendering
     * @throws IllegalArgumentException if {@code maxChars} is not positive
     */
    public static String of(Object value, int maxChars) {
        Checks.positive(maxChars, "maxChars");
        Out out = new Out(maxChars);
        render(value, out, 0);
        return out.finish(value instanceof CharSequence s ? s.length() : -1);
    }

    private static void render(Object value, Out out, int depth) {
        if (out.full()) {
            return;
        }
        if (value == null) {
            out.raw("null");
        } else if (value instanceof CharSequence s) {
            out.text(s);
        } else if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            out.raw("[");
            for (int i = 0; i < n && !out.full(); i++) {
                if (i > 0) {
                    out.raw(", ");
                }
                renderNested(Array.get(value, i), out, depth);
            }
            out.raw("]");
        } else if (value instanceof Collection<?> c) {
            out.raw("[");
            Iterator<?> it = c.iterator();
            for (int i = 0; it.hasNext() && !out.full(); i++) {
                if (i > 0) {
                    out.raw(", ");
                }
                renderNested(it.next(), out, depth);
            }
            out.raw("]");
        } else if (value instanceof Map<?, ?> m) {
            out.raw("{");
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            for (int i = 0; it.hasNext() && !out.full(); i++) {
                Map.Entry<?, ?> e = it.next();
                if (i > 0) {
                    out.raw(", ");
                }
                renderNested(e.getKey(), out, depth);
                out.raw("=");
                renderNested(e.getValue(), out, depth);
            }
            out.raw("}");
        } else {
            out.text(String.valueOf(value));
        }
    }

    private static void renderNested(Object value, Out out, int depth) {
        if (depth >= 8) {
            out.raw("…");
        } else if (value instanceof CharSequence s) {
            out.raw("\"");
            out.text(s);
            out.raw("\"");
        } else {
            render(value, out, depth + 1);
        }
    }

    /** A bounded builder that escapes as it appends and counts what it had to leave out. */
    private static final class Out {
        private final int max;
        private final StringBuilder sb;
        private long omitted;

        Out(int max) {
            this.max = max;
            this.sb = new StringBuilder(Math.min(max, 64) + 16);
        }

        boolean full() {
            return sb.length() >= max;
        }

        void raw(String s) {
            text(s);
        }

        void text(CharSequence s) {
            int n = s.length();
            for (int i = 0; i < n; i++) {
                if (sb.length() >= max) {
                    omitted += n - i;
                    return;
                }
                char c = s.charAt(i);
                switch (c) {
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029'
                                || c == '\u0085' || c == '\u061c' || (c >= '\u200e' && c <= '\u200f')
                                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
        }

        String finish(int originalLength) {
            if (omitted == 0 && sb.length() <= max) {
                return sb.toString();
            }
            if (sb.length() > max) {
                sb.setLength(max);
            }
            sb.append("… (");
            if (originalLength >= 0) {
                return sb.append(originalLength).append(" chars in all)").toString();
            }
            return sb.append(omitted).append(" more chars)").toString();
        }
    }
}
