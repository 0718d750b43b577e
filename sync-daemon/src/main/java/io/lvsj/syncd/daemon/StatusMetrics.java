package io.lvsj.syncd.daemon;

import io.lvsj.metrics.model.Families;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * lvs-syncd's {@link Status} as Prometheus families ({@code lvsj_syncd_*}): the same value
 * object {@code lvs-syncd --status} prints, so the two never disagree. Pure.
 */
final class StatusMetrics {
    private StatusMetrics() {
    }

    static List<MetricSnapshot> families(Status s) {
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(Families.gauge("lvsj_syncd_info", "1, with this director's node and cluster names.", "node", "cluster")
                .add(1, s.node(), s.cluster()).snapshot());
        out.add(Families.gauge("lvsj_syncd_cluster_members", "Members of the sync cluster this director sees.",
                s.members().size()));
        out.add(Families.gauge("lvsj_syncd_connections", "Connections in the table.", s.tableSize()));
        out.add(Families.gauge("lvsj_syncd_connection_limit", "The table's limit (max-connections).", s.tableLimit()));
        out.add(Families.gauge("lvsj_syncd_kernel_daemon_running",
                "1 while a kernel sync daemon runs on the sync link in this role (master: heard, backup: injected into).",
                "role").add(s.kernelMaster() ? 1 : 0, "master").add(s.kernelBackup() ? 1 : 0, "backup").snapshot());
        counter(out, "lvsj_syncd_kernel_datagrams_received", "Sync datagrams heard from the kernel's master daemon.",
                s.kernelDatagrams());
        counter(out, "lvsj_syncd_kernel_updates_received", "Connection updates in them.", s.kernelRecords());
        counter(out, "lvsj_syncd_cluster_messages_sent", "Messages sent to the cluster.", s.clusterMessagesOut());
        counter(out, "lvsj_syncd_cluster_updates_sent", "Connection updates in them.", s.clusterRecordsOut());
        counter(out, "lvsj_syncd_cluster_messages_received", "Messages received from the cluster.", s.clusterMessagesIn());
        counter(out, "lvsj_syncd_cluster_updates_received", "Connection updates in them.", s.clusterRecordsIn());
        counter(out, "lvsj_syncd_kernel_datagrams_injected", "Sync datagrams given to the kernel's backup daemon.",
                s.injectedDatagrams());
        counter(out, "lvsj_syncd_kernel_updates_injected", "Connection updates in them.", s.injectedRecords());
        counter(out, "lvsj_syncd_updates_not_injected", "Updates kept but not injected: no backup daemon ran.",
                s.notInjected());
        counter(out, "lvsj_syncd_injection_bursts_lost", "Injection bursts the kernel dropped (and that were sent again).",
                s.injectLosses());
        counter(out, "lvsj_syncd_table_full", "New connections not kept because the table was full.", s.tableFull());
        counter(out, "lvsj_syncd_states_given", "Whole tables given to directors that joined.", s.statesGiven());
        counter(out, "lvsj_syncd_state_connections_received", "Connections received in the table given at join.",
                s.stateRecordsReceived());
        counter(out, "lvsj_syncd_unsealed_messages_refused",
                "Cluster messages dropped because they were not sealed with the cluster key.", s.sealRejected());
        Families.Counter dropped = Families.counter("lvsj_syncd_dropped",
                "Malformed datagrams (from the kernel) and messages (from the cluster) dropped, by reason.",
                "from", "reason");
        for (Map.Entry<String, Long> d : s.drops().entrySet()) {
            int space = d.getKey().indexOf(' ');
            dropped.add(d.getValue(), d.getKey().substring(0, space), d.getKey().substring(space + 1));
        }
        out.add(dropped.snapshot());
        return out;
    }

    private static void counter(List<MetricSnapshot> out, String name, String help, long value) {
        out.add(Families.counter(name, help, value));
    }
}
