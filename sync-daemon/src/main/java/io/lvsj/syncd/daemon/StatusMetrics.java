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
        conntrack(out, s.conntrack());
        return out;
    }

    /** FullNAT's conntrack relay, as {@code --status} says it; the entries gauge alone when the relay is off. */
    private static void conntrack(List<MetricSnapshot> out, ConntrackStatus c) {
        out.add(Families.gauge("lvsj_syncd_conntrack_relay_on", "1 when fullnat-service lines turn the conntrack relay on.",
                c.relayed() == null ? 0 : 1));
        out.add(Families.gauge("lvsj_syncd_conntrack_entries", "FullNAT conntrack entries in the table.", c.entries()));
        counter(out, "lvsj_syncd_conntrack_events", "This director's FullNAT conntrack events sent to the cluster.", c.events());
        counter(out, "lvsj_syncd_conntrack_kernel_overruns", "Times the kernel dropped conntrack events (the table was read again).",
                c.overruns());
        counter(out, "lvsj_syncd_conntrack_updates_sent", "Conntrack records sent to the cluster.", c.out());
        counter(out, "lvsj_syncd_conntrack_updates_received", "Conntrack records received from the cluster.", c.in());
        counter(out, "lvsj_syncd_conntrack_created", "Conntrack entries created in this kernel.", c.created());
        counter(out, "lvsj_syncd_conntrack_updated", "Conntrack entries updated in this kernel.", c.updated());
        counter(out, "lvsj_syncd_conntrack_removed", "Conntrack entries removed from this kernel.", c.removed());
        counter(out, "lvsj_syncd_conntrack_refused", "Conntrack entries this kernel refused.", c.refused());
        counter(out, "lvsj_syncd_conntrack_table_full", "Conntrack records not kept because the table was full.",
                c.tableFull());
    }

    private static void counter(List<MetricSnapshot> out, String name, String help, long value) {
        out.add(Families.counter(name, help, value));
    }
}
