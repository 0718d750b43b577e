package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Diagnostics;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.text.CNumber;

/**
 * keepalived's number readers ({@code read_int}, {@code read_unsigned}, {@code read_decimal},
 * {@code read_timer}, {@code check_true_false}) with their messages and their leniency: a
 * number with junk after it ("12abc") is an error but, where keepalived's caller allows it,
 * the number in front is still used, as the running daemon does. Text with no digits at all
 * is refused (the daemon would read it as 0), as {@code keepalived -t} refuses it.
 */
final class Numbers {
    /** keepalived's timers count microseconds. */
    static final long TIMER_HZ = 1_000_000L;
    static final int TIMER_DIGITS = 6;
    static final long UINT_MAX = 0xFFFF_FFFFL;
    static final long INT_MAX = Integer.MAX_VALUE;
    static final long ULONG_MAX = -1L; // as unsigned

    private final Diagnostics diagnostics;
    private Location at = Location.NONE;

    Numbers(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Where the numbers being read come from, for the messages. */
    Numbers at(Location location) {
        this.at = location;
        return this;
    }

    private void error(String message) {
        diagnostics.report(at, Severity.INVALID_NUMBER, message);
    }

    /** {@code read_int}: a signed number in [min, max], or null. */
    Long readInt(String number, long min, long max, boolean lenient) {
        CNumber n = new CNumber(number);
        long value = n.read(10);
        boolean junk = n.noDigits() || !n.atEnd();
        boolean outOfInt = n.overflow() || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE;
        if (junk) {
            error("invalid number '" + number + "'");
        } else if (outOfInt) {
            error("number '" + number + "' outside integer range");
        } else if (value < min || value > max) {
            error("number '" + number + "' outside range [" + min + ", " + max + "]");
        } else {
            return value;
        }
        return lenient && !n.noDigits() && !n.overflow() && value >= min && value <= max ? value : null;
    }

    /** {@code read_unsigned}: a number in [min, max] (at most 2^32-1), or null. */
    Long readUnsigned(String number, long min, long max, boolean lenient) {
        return unsigned(number, min, max, lenient, UINT_MAX, "unsigned integer range");
    }

    /** {@code read_unsigned64}. */
    Long readUnsigned64(String number, long min, long max, boolean lenient) {
        return unsigned(number, min, max, lenient, Long.MAX_VALUE, "unsigned 64 bit range");
    }

    private Long unsigned(String number, long min, long max, boolean lenient, long limit, String rangeName) {
        long plain = plainDigits(number, MAX_PLAIN_DIGITS);
        if (plain < 0) {
            return unsignedInGeneral(number, min, max, lenient, limit, rangeName);
        }
        // most numbers are a few digits: what the general reading gives them, without its copies
        if (plain > limit) {
            error("number '" + number + "' outside " + rangeName);
        } else if (plain < min || plain > max) {
            error("number '" + number + "' outside range [" + min + ", " + max + "]");
        } else {
            return plain;
        }
        return lenient && plain >= min && plain <= max ? plain : null;
    }

    /** {@link #unsigned} for any text: the only way before {@link #plainDigits}, and the reference for it. */
    Long unsignedInGeneral(String number, long min, long max, boolean lenient, long limit, String rangeName) {
        int offset = 0;
        while (offset < number.length() && CNumber.isSpace(number.charAt(offset))) {
            offset++;
        }
        CNumber n = new CNumber(number.substring(offset));
        long value = n.read(10);
        boolean negative = offset < number.length() && number.charAt(offset) == '-';
        if (negative) {
            value = -1; // strtoul wraps a negative number to a huge one
        }
        boolean junk = n.noDigits() || !n.atEnd();
        if (negative) {
            error("negative number '" + number + "'");
        } else if (junk) {
            error("invalid number '" + number + "'");
        } else if (n.overflow() || value > limit) {
            error("number '" + number + "' outside " + rangeName);
        } else if (value < min || value > max) {
            error("number '" + number + "' outside range [" + min + ", " + max + "]");
        } else {
            return value;
        }
        return lenient && !negative && !n.noDigits() && !n.overflow() && value >= min && value <= max ? value : null;
    }

    /**
     * {@code read_decimal_unsigned}: a decimal with up to {@code digits} places, returned
     * scaled by 10^digits ("1.5" with 6 digits is 1500000).
     */
    Long readDecimal(String number, long min, long max, int digits, boolean lenient) {
        long plain = plainDigits(number, MAX_PLAIN_DIGITS - digits);
        if (plain < 0) {
            return readDecimalInGeneral(number, min, max, digits, lenient);
        }
        // most numbers are a few digits ("6"): what the general reading gives them, without
        // making the scaled text ("6000000") and reading it back (a timer on every line or two)
        long value = plain * pow10(digits);
        if (Long.compareUnsigned(value, min) < 0 || Long.compareUnsigned(value, max) > 0) {
            decimalRangeError(number, min, max, digits);
            return null;
        }
        return value;
    }

    /** {@link #readDecimal} for any text: the only way before {@link #plainDigits}, and the reference for it. */
    Long readDecimalInGeneral(String number, long min, long max, int digits, boolean lenient) {
        if (number.startsWith("-")) {
            error("negative number '" + number + "'");
            return null;
        }
        int dot = number.indexOf('.');
        int places = dot < 0 ? 0 : number.length() - dot - 1;
        boolean roundUp = false;
        if (places > digits) {
            error("number '" + number + "' has too many decimal places");
            roundUp = number.charAt(dot + digits + 1) >= '5';
            places = digits;
        }
        StringBuilder scaled = new StringBuilder();
        if (dot >= 0) {
            scaled.append(number, 0, dot).append(number, dot + 1, dot + 1 + places);
        } else {
            scaled.append(number);
        }
        scaled.append("0".repeat(digits - places));
        CNumber n = new CNumber(scaled.toString());
        long value = n.read(10);
        if (roundUp) {
            value++;
        }
        boolean valid = !n.noDigits() && n.atEnd();
        if (!valid) {
            error("invalid number '" + number + "'");
        } else if (n.overflow()) {
            error("number '" + number + "' outside unsigned decimal range");
            return null;
        } else if (Long.compareUnsigned(value, min) < 0 || Long.compareUnsigned(value, max) > 0) {
            decimalRangeError(number, min, max, digits);
        } else {
            return value;
        }
        // keepalived returns "ignore_error && val in range" here, digits or not: 'x' is 0, "12x" is 12 (unscaled)
        return lenient && Long.compareUnsigned(value, min) >= 0 && Long.compareUnsigned(value, max) <= 0 ? value : null;
    }

    /** {@code read_timer}: seconds with microsecond resolution, returned in microseconds; max 0 means no limit. */
    Long readTimer(String number, long minMicros, long maxMicros, boolean lenient) {
        return readDecimal(number, minMicros, maxMicros == 0 ? ULONG_MAX - 1 : maxMicros, TIMER_DIGITS, lenient);
    }

    /** {@code check_true_false}: 1 for on/true/yes, 0 for off/false/no, -1 otherwise. */
    static int trueFalse(String word) {
        return switch (word) {
            case "true", "on", "yes" -> 1;
            case "false", "off", "no" -> 0;
            default -> -1;
        };
    }

    private void decimalRangeError(String number, long min, long max, int digits) {
        long unit = pow10(digits);
        error("number '" + number + "' outside range [" + format(min, unit, digits) + ", " + format(max, unit, digits) + "]");
    }

    /** Digits a plain number may have: 10^18 fits a long, scaled or not. */
    static final int MAX_PLAIN_DIGITS = 18;

    /**
     * The value of {@code number} when it is 1 to {@code maxDigits} decimal digits and nothing
     * else (no sign, blank, dot or junk: what strtoul reads whole without overflowing); -1 otherwise.
     */
    static long plainDigits(String number, int maxDigits) {
        int n = number.length();
        if (n == 0 || n > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long pow10(int digits) {
        long unit = 1;
        for (int i = 0; i < digits; i++) {
            unit *= 10;
        }
        return unit;
    }

    private static String format(long value, long unit, int digits) {
        if (digits == 0) {
            return Long.toUnsignedString(value) + "."; // keepalived's "%lu.%0*lu" with no places: "960000."
        }
        String fraction = Long.toUnsignedString(Long.remainderUnsigned(value, unit));
        return Long.toUnsignedString(Long.divideUnsigned(value, unit)) + "." + "0".repeat(digits - fraction.length()) + fraction;
    }
}
