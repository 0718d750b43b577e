package io.lvsj.ipvsadm.listing;

/**
 * The few {@code printf} conversions ipvsadm's listings use, without {@code String.format}
 * (which is far too slow for a table of a hundred thousand lines): {@code %-Ns} pads on the
 * right, {@code %Ns} on the left, and neither ever cuts.
 */
final class Columns {
    private Columns() {
    }

    /** {@code %-Ns}. */
    static StringBuilder left(StringBuilder out, CharSequence text, int width) {
        out.append(text);
        if (text.length() < width) {
            out.repeat(' ', width - text.length());
        }
        return out;
    }

    /** {@code %Ns}. */
    static StringBuilder right(StringBuilder out, CharSequence text, int width) {
        if (text.length() < width) {
            out.repeat(' ', width - text.length());
        }
        return out.append(text);
    }

    /** {@code %-Nd}, without a String per number (a listing has three per line). */
    static StringBuilder left(StringBuilder out, long number, int width) {
        int start = out.length();
        out.append(number);
        int length = out.length() - start;
        if (length < width) {
            out.repeat(' ', width - length);
        }
        return out;
    }

    /** {@code %Nllu}. */
    static StringBuilder rightUnsigned(StringBuilder out, long number, int width) {
        return right(out, Long.toUnsignedString(number), width);
    }

    /** C's {@code snprintf} into a buffer of {@code size} bytes: at most {@code size - 1} characters. */
    static String cut(String text, int size) {
        return text.length() >= size ? text.substring(0, size - 1) : text;
    }

    /** Truncation by writing a NUL at {@code index}, as ipvsadm does to fit a column. */
    static String nulAt(String text, int index) {
        return text.length() > index ? text.substring(0, index) : text;
    }
}
