package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvsadm.inet.InetText;

/**
 * Decimal numbers read as ipvsadm reads them, through C's {@code strtol}: leading blanks and a
 * sign are allowed, trailing characters are not (except where ipvsadm uses {@code atoi}).
 */
public final class CNumbers {
    private CNumbers() {
    }

    /** What {@code strtol(s, &end, 10)} yields. */
    record Strtol(long value, int end, boolean overflow) {
    }

    static Strtol strtol(String s) {
        int i = 0;
        while (i < s.length() && InetText.isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int digit = s.charAt(i) - '0';
            if (!overflow) {
                // accumulate negatively: Long.MIN_VALUE has no positive counterpart
                if (value < (Long.MIN_VALUE + digit) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 - digit;
                }
            }
            i++;
        }
        if (i == digitsStart) {
            return new Strtol(0, 0, false); // no conversion: end points at the start
        }
        if (overflow) {
            return new Strtol(negative ? Long.MIN_VALUE : Long.MAX_VALUE, i, true);
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return new Strtol(Long.MAX_VALUE, i, true);
            }
            value = -value;
        }
        return new Strtol(value, i, false);
    }

    /**
     * ipvsadm's {@code string_to_number}: the number if {@code s} is entirely a decimal number
     * within {@code [min, max]}, else -1.
     */
    public static long number(String s, long min, long max) {
        Strtol r = strtol(s);
        if (r.end() == s.length() && r.end() != 0 && !r.overflow() && r.value() >= min && r.value() <= max) {
            return r.value();
        }
        return -1;
    }

    /** ipvsadm's {@code parse_fwmark}: 1..4294967295, else -1. */
    public static long fwmark(String s) {
        Strtol r = strtol(s);
        if (r.end() != s.length() || r.end() == 0 || r.overflow() || r.value() <= 0 || r.value() > 0xffffffffL) {
            return -1;
        }
        return r.value();
    }

    /** C's {@code atoi}: the leading number, 0 if none, cut to an int as glibc does. */
    public static int atoi(String s) {
        return (int) strtol(s).value();
    }
}
