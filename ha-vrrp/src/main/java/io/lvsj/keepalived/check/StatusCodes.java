package io.lvsj.keepalived.check;

import java.util.BitSet;
import java.util.List;

/**
 * The HTTP status codes a {@code url} accepts ({@code status_code 200 301-302 ...}); keepalived
 * only knows codes 100..599. Default 200-299.
 */
public final class StatusCodes {
    public static final int MIN = 100;
    public static final int MAX = 599;
    public static final StatusCodes DEFAULT = range(200, 299);

    private final BitSet accepted;

    private StatusCodes(BitSet accepted) {
        this.accepted = accepted;
    }

    public static StatusCodes range(int from, int to) {
        return of(List.of(new int[]{from, to}));
    }

    /** The union of inclusive ranges {@code {from, to}}. */
    public static StatusCodes of(List<int[]> ranges) {
        BitSet bits = new BitSet(MAX + 1);
        for (int[] r : ranges) {
            if (r[0] < MIN || r[1] > MAX || r[0] > r[1]) {
                throw new IllegalArgumentException("status code range " + r[0] + "-" + r[1] + " outside " + MIN + "-" + MAX);
            }
            bits.set(r[0], r[1] + 1);
        }
        return new StatusCodes(bits);
    }

    public boolean accepts(int code) {
        return code >= MIN && code <= MAX && accepted.get(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusCodes other && accepted.equals(other.accepted);
    }

    @Override
    public int hashCode() {
        return accepted.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int from = accepted.nextSetBit(0);
        while (from >= 0) {
            int to = accepted.nextClearBit(from) - 1;
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(from);
            if (to > from) {
                sb.append('-').append(to);
            }
            from = accepted.nextSetBit(to + 1);
        }
        return sb.toString();
    }
}
