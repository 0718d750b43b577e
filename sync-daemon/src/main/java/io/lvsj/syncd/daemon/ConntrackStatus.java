package io.lvsj.syncd.daemon;

/**
 * The conntrack relay's part of {@link Status}.
 *
 * @param relayed      what is relayed ("1 service, 2 local addresses"), or {@code null} when the relay is off
 * @param entries      conntrack entries in the table
 * @param events       this director's FullNAT entries' events sent to the cluster
 * @param skipped      TCP state changes a takeover does not need (SYN_RECV, the closing states), not sent
 * @param refreshed    entries the periodic pass resent (timeouts packets renewed)
 * @param ownEvents    events of lvs-syncd's own injections, not sent back
 * @param overruns     times the kernel dropped events (the table was read whole after each)
 * @param out          records sent to the cluster
 * @param in           records received from the cluster
 * @param created      entries created in this kernel
 * @param updated      entries that existed in this kernel and were updated (or, at a join, left alone)
 * @param removed      entries removed from this kernel (ended on the director that spoke for them)
 * @param refused      entries the kernel refused
 * @param notInjected  records kept but not put into the kernel (relay off on this director)
 * @param tableFull    records not kept: the table was full
 * @param stateReceived entries received by state transfer
 */
public record ConntrackStatus(String relayed, int entries, long events, long skipped, long refreshed, long ownEvents,
                              long overruns,
                              long out, long in, long created, long updated, long removed, long refused,
                              long notInjected, long tableFull, long stateReceived) {

    void text(StringBuilder s) {
        if (relayed == null && entries == 0 && in == 0) {
            s.append("conntrack relay: off (no fullnat-service)\n");
            return;
        }
        s.append("conntrack relay: ").append(relayed == null ? "off (records kept, not injected)" : relayed).append('\n');
        s.append("conntrack entries: ").append(entries).append('\n');
        s.append("conntrack from kernel: ").append(events).append(" events, ").append(skipped)
                .append(" TCP state changes not needed, ").append(refreshed).append(" refreshed, ")
                .append(ownEvents).append(" own injections ignored, ").append(overruns).append(" overruns\n");
        s.append("conntrack to cluster: ").append(out).append(" updates\n");
        s.append("conntrack from cluster: ").append(in).append(" updates, ").append(stateReceived)
                .append(" by state transfer\n");
        s.append("conntrack to kernel: ").append(created).append(" created, ").append(updated).append(" updated, ")
                .append(removed).append(" removed, ").append(refused).append(" refused, ").append(notInjected)
                .append(" not injected\n");
        s.append("conntrack table full: ").append(tableFull).append('\n');
    }

    String json() {
        return "{\"relayed\":" + (relayed == null ? "null" : Status.quote(relayed)) + ",\"entries\":" + entries
                + ",\"events\":" + events + ",\"skipped\":" + skipped + ",\"refreshed\":" + refreshed + ",\"own_events\":" + ownEvents
                + ",\"overruns\":" + overruns + ",\"updates_out\":" + out + ",\"updates_in\":" + in
                + ",\"created\":" + created + ",\"updated\":" + updated + ",\"removed\":" + removed
                + ",\"refused\":" + refused + ",\"not_injected\":" + notInjected + ",\"table_full\":" + tableFull
                + ",\"state_received\":" + stateReceived + "}";
    }
}
