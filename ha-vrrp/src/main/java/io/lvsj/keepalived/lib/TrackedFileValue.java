package io.lvsj.keepalived.lib;

import io.lvsj.text.CNumber;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The number in a tracked file and what it means for a FILE_CHECK, as keepalived reads it:
 * at most 127 bytes, parsed like {@code strtol(buf, NULL, 0)} (leading space, sign, 0x for
 * hex, 0 for octal; no digits = 0); a missing or empty file is 0. Pure.
 */
public final class TrackedFileValue {
    static final long FAULT = Integer.MIN_VALUE;

    private TrackedFileValue() {
    }

    /**
     * The value of the file's content, or empty when it is out of range (keepalived logs
     * "Invalid number" and keeps the previous value).
     */
    public static OptionalLong parse(byte[] content) {
        CNumber number = new CNumber(new String(content, 0, Math.min(content.length, 127), StandardCharsets.ISO_8859_1));
        long value = number.strtol();
        if (number.overflow() || value < Integer.MIN_VALUE || value > (long) Integer.MAX_VALUE + 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /**
     * The weight a FILE_CHECK adds for {@code value}, or empty when the server is down. With
     * weight 0 the server is down while the value is non-zero (zero with {@code reverse}).
     * Otherwise value x weight (negated with reverse) is added, clamped to int, and the
     * lowest int means down.
     */
    public static OptionalLong weight(long value, int weight, boolean reverse) {
        if (weight == 0) {
            boolean failed = (value != 0) != reverse;
            return failed ? OptionalLong.empty() : OptionalLong.of(0);
        }
        long product = value * weight * (reverse ? -1 : 1);
        long clamped = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, product));
        return clamped <= FAULT ? OptionalLong.empty() : OptionalLong.of(clamped);
    }
}
