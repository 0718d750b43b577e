package io.lvsj.ipvsadm.cli;

import io.lvsj.text.CNumber;

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
        CNumber n = new CNumber(s);
        long value = n.read(10);
        return new Strtol(value, n.noDigits() ? 0 : n.position(), n.overflow());
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
