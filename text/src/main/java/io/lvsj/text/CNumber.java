package io.lvsj.text;

/**
 * A cursor over text that reads numbers the way C's {@code strtol}/{@code strtoul} do: leading
 * white space skipped, an optional sign, base 0 meaning "0x" hex or "0" octal, and the cursor
 * left after the last digit used. keepalived's parser is built on these, and what it accepts
 * ("12abc" is 12 followed by junk) follows from them; so are ipvsadm's numbers, and the
 * numbers keepalived reads from track files.
 */
public final class CNumber {
    private final String text;
    private int position;
    private boolean overflow;
    private boolean noDigits;

    public CNumber(String text) {
        this.text = text;
    }

    public int position() {
        return position;
    }

    /** True when the last number read did not fit in 64 bits (C sets ERANGE). */
    public boolean overflow() {
        return overflow;
    }

    /** True when the last read found no digits (C leaves the end pointer at the start). */
    public boolean noDigits() {
        return noDigits;
    }

    public boolean atEnd() {
        return position >= text.length();
    }

    public char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    public void advance() {
        position++;
    }

    public void skipBlanks() {
        while (position < text.length() && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
            position++;
        }
    }

    /** {@code strtol(s, &end, 0)}. */
    public long strtol() {
        return read(0);
    }

    /** {@code strtol} with an explicit base (10 or 16; 0 for C's automatic choice). */
    public long read(int base) {
        overflow = false;
        noDigits = false;
        int start = position;
        int p = position;
        while (p < text.length() && isSpace(text.charAt(p))) {
            p++;
        }
        boolean negative = false;
        if (p < text.length() && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
            negative = text.charAt(p) == '-';
            p++;
        }
        if ((base == 0 || base == 16) && p + 1 < text.length() && text.charAt(p) == '0'
                && (text.charAt(p + 1) == 'x' || text.charAt(p + 1) == 'X')
                && p + 2 < text.length() && Character.digit(text.charAt(p + 2), 16) >= 0) {
            p += 2;
            base = 16;
        } else if (base == 0) {
            base = p < text.length() && text.charAt(p) == '0' ? 8 : 10;
        }
        // accumulated negatively: Long.MIN_VALUE, which C's strtol returns without ERANGE, has no
        // positive counterpart
        long value = 0;
        int digits = 0;
        while (p < text.length()) {
            int d = Character.digit(text.charAt(p), base);
            if (d < 0 || text.charAt(p) > 127) {
                break;
            }
            if (!overflow) {
                if (value < (Long.MIN_VALUE + d) / base) {
                    overflow = true;
                } else {
                    value = value * base - d;
                }
            }
            digits++;
            p++;
        }
        if (digits == 0) {
            noDigits = true;
            position = start;
            return 0;
        }
        position = p;
        if (!negative && value == Long.MIN_VALUE) {
            overflow = true;
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? value : -value;
    }

    public String rest() {
        return text.substring(Math.min(position, text.length()));
    }

    /** C's {@code isspace}. */
    public static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
