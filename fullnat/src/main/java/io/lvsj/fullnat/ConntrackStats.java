package io.lvsj.fullnat;

/** Reads {@code /proc/net/stat/nf_conntrack}: a header of column names, then one line of hex numbers per CPU. */
final class ConntrackStats {
    private ConntrackStats() {
    }

    /** The column {@code name} summed over every CPU; 0 when the kernel has no such column. */
    static long sum(String text, String name) {
        String[] lines = text.split("\n");
        if (lines.length == 0) {
            return 0;
        }
        String[] header = lines[0].strip().split("\\s+");
        int column = -1;
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                column = i;
            }
        }
        if (column < 0) {
            return 0;
        }
        long total = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] values = lines[i].strip().split("\\s+");
            if (values.length > column) {
                total += Long.parseUnsignedLong(values[column], 16);
            }
        }
        return total;
    }
}
