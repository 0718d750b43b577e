package io.lvsj.ipvsadm.listing;

/**
 * ipvsadm's {@code print_largenum}: a counter in a 9-character column, scaled to K, M, G or T
 * once it no longer fits, or in full with {@code --exact} (widening the column as needed).
 * Counters are unsigned 64-bit.
 */
final class LargeNumber {
    private LargeNumber() {
    }

    static void append(StringBuilder out, long value, boolean exact) {
        if (exact) {
            String digits = Long.toUnsignedString(value);
            Columns.right(out, digits, digits.length() <= 8 ? 9 : digits.length() + 1);
            return;
        }
        if (Long.compareUnsigned(value, 100_000_000L) < 0) {
            Columns.rightUnsigned(out, value, 9);
        } else if (Long.compareUnsigned(value, 1_000_000_000L) < 0) {
            Columns.rightUnsigned(out, Long.divideUnsigned(value, 1000), 8).append('K');
        } else if (Long.compareUnsigned(value, 100_000_000_000L) < 0) {
            Columns.rightUnsigned(out, Long.divideUnsigned(value, 1_000_000), 8).append('M');
        } else if (Long.compareUnsigned(value, 100_000_000_000_000L) < 0) {
            Columns.rightUnsigned(out, Long.divideUnsigned(value, 1_000_000_000L), 8).append('G');
        } else {
            Columns.rightUnsigned(out, Long.divideUnsigned(value, 1_000_000_000_000L), 8).append('T');
        }
    }
}
