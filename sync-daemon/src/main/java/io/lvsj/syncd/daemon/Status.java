package io.lvsj.syncd.daemon;

import java.util.List;
import java.util.Map;

/**
 * lvs-syncd's state at one moment: what {@code lvs-syncd --status} prints.
 *
 * @param members           the cluster's members, coordinator first
 * @param tableSize         connections in the table
 * @param kernelMaster      whether a master sync daemon runs on the sync link (something to hear)
 * @param kernelBackup      whether a backup sync daemon runs there (somewhere to inject)
 * @param drops             dropped datagrams and messages by where and why
 * @param sealRejected      cluster messages dropped because they were not sealed with the cluster key
 */
public record Status(String node, String cluster, List<String> members, int tableSize, int tableLimit,
                     boolean kernelMaster, boolean kernelBackup,
                     long kernelDatagrams, long kernelRecords,
                     long clusterMessagesOut, long clusterRecordsOut, long clusterMessagesIn, long clusterRecordsIn,
                     long injectedDatagrams, long injectedRecords, long notInjected, long injectLosses,
                     long tableFull, long statesGiven, long stateRecordsReceived, long sealRejected,
                     Map<String, Long> drops) {

    /** The status as text, one {@code name: value} a line. */
    public String text() {
        StringBuilder s = new StringBuilder();
        line(s, "node", node);
        line(s, "cluster", cluster);
        line(s, "members", members.size() + " (" + String.join(", ", members) + ")");
        line(s, "connections", tableSize + " (limit " + tableLimit + ")");
        line(s, "kernel master daemon", kernelMaster ? "on the sync link" : "none on the sync link");
        line(s, "kernel backup daemon", kernelBackup ? "on the sync link" : "none on the sync link");
        line(s, "from kernel", kernelDatagrams + " datagrams, " + kernelRecords + " connection updates");
        line(s, "to cluster", clusterMessagesOut + " messages, " + clusterRecordsOut + " connection updates");
        line(s, "from cluster", clusterMessagesIn + " messages, " + clusterRecordsIn + " connection updates");
        line(s, "to kernel", injectedDatagrams + " datagrams, " + injectedRecords + " connection updates");
        line(s, "not injected (no backup daemon)", Long.toString(notInjected));
        line(s, "injection bursts lost", Long.toString(injectLosses));
        line(s, "table full", Long.toString(tableFull));
        line(s, "states given", Long.toString(statesGiven));
        line(s, "state received", stateRecordsReceived + " connections");
        line(s, "refused (no cluster key)", Long.toString(sealRejected));
        if (drops.isEmpty()) {
            line(s, "dropped", "0");
        } else {
            drops.forEach((why, n) -> line(s, "dropped " + why, Long.toString(n)));
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append(": ").append(value).append('\n');
    }

    /** The status as one JSON object. */
    public String json() {
        java.util.StringJoiner d = new java.util.StringJoiner(",", "{", "}");
        drops.forEach((why, n) -> d.add(quote(why.replace(' ', '_')) + ":" + n));
        java.util.StringJoiner s = new java.util.StringJoiner(",", "{", "}");
        s.add(quote("node") + ":" + quote(node));
        s.add(quote("cluster") + ":" + quote(cluster));
        s.add(quote("members") + ":[" + String.join(",", members.stream().map(Status::quote).toList()) + "]");
        Object[] numbers = {"connections", tableSize, "connection_limit", tableLimit,
            "kernel_master_daemon", kernelMaster, "kernel_backup_daemon", kernelBackup,
            "kernel_datagrams_in", kernelDatagrams, "kernel_updates_in", kernelRecords,
            "cluster_messages_out", clusterMessagesOut, "cluster_updates_out", clusterRecordsOut,
            "cluster_messages_in", clusterMessagesIn, "cluster_updates_in", clusterRecordsIn,
            "kernel_datagrams_out", injectedDatagrams, "kernel_updates_out", injectedRecords,
            "not_injected", notInjected, "injection_bursts_lost", injectLosses, "table_full", tableFull,
            "states_given", statesGiven, "state_connections_received", stateRecordsReceived,
            "refused_without_key", sealRejected};
        for (int i = 0; i < numbers.length; i += 2) {
            s.add(quote((String) numbers[i]) + ":" + numbers[i + 1]);
        }
        s.add(quote("dropped") + ":" + d);
        return s.toString();
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
