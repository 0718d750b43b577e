package io.lvsj.ipvsadm.listing;

import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming JSON writer: objects, arrays, strings, numbers (unsigned 64-bit counters
 * included), booleans and null, written compactly. Callers name every member; commas are
 * placed here.
 */
final class JsonWriter {
    private final StringBuilder out;
    private boolean needComma;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    /** Starts a member; the value follows with one of the value methods or begin*. */
    JsonWriter name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    JsonWriter value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    JsonWriter value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    JsonWriter unsigned(long value) {
        comma();
        out.append(Long.toUnsignedString(value));
        needComma = true;
        return this;
    }

    JsonWriter value(boolean value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    /**
     * Our strings hold one byte per char; text with bytes outside ASCII is read as UTF-8 and
     * written with {@code \\uXXXX} escapes, so the document stays ASCII.
     */
    private void string(String raw) {
        String s = isAscii(raw) ? raw : new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
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
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
