package dev.steadfast.console;

/**
 * A small JSON writer for the snapshot, so the console needs no JSON library. Strings are escaped for JSON and, beyond
 * that, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 are written as {@code \}{@code u} escapes, so a name such as
 * {@code </script>} stays inert wherever the text ends up. Not thread-safe; one per snapshot.
 */
final class Json {

    private final StringBuilder out = new StringBuilder(4096);
    /** Whether the next value in the current object or array needs a comma before it. */
    private boolean comma;

    Json beginObject() {
        value();
        out.append('{');
        comma = false;
        return this;
    }

    Json endObject() {
        out.append('}');
        comma = true;
        return this;
    }

    Json beginArray() {
        value();
        out.append('[');
        comma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        comma = true;
        return this;
    }

    /** Starts a member of an object; the value follows. */
    Json name(String name) {
        value();
        string(name);
        out.append(':');
        comma = false;
        return this;
    }

    Json value(String s) {
        value();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        comma = true;
        return this;
    }

    Json value(long n) {
        value();
        out.append(n);
        comma = true;
        return this;
    }

    Json value(boolean b) {
        value();
        out.append(b);
        comma = true;
        return this;
    }

    /** A number rounded to {@code decimals} places; {@code null} for NaN or an infinity. */
    Json value(double d, int decimals) {
        value();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.append("null");
        } else {
            double scale = Math.pow(10, decimals);
            double rounded = Math.round(d * scale) / scale;
            if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
                out.append((long) rounded);
            } else {
                out.append(rounded);
            }
        }
        comma = true;
        return this;
    }

    Json nullValue() {
        value();
        out.append("null");
        comma = true;
        return this;
    }

    private void value() {
        if (comma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
