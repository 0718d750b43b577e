package io.lvsj.ipvsadm.cli;

/**
 * How a listing is printed: ipvsadm's {@code FMT_*} flags, plus the JSON and Prometheus extensions.
 *
 * @param rule       ipvsadm's {@code -S} form ({@code -A ... / -a ...} lines)
 * @param prometheus the table in Prometheus' text format (for node_exporter's textfile collector)
 */
public record ListFormat(boolean numeric, boolean rule, boolean stats, boolean rate, boolean thresholds,
                         boolean persistentConn, boolean nosort, boolean exact, boolean tunInfo, boolean json,
                         boolean prometheus) {

    public static final ListFormat DEFAULT = new ListFormat(false, false, false, false, false, false, false, false,
            false, false, false);

    public ListFormat asRules() {
        return new ListFormat(numeric, true, stats, rate, thresholds, persistentConn, nosort, exact, tunInfo, json,
                prometheus);
    }
}
