package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

import java.util.List;
import java.util.Locale;

/**
 * The state files keepalived writes on request: {@code keepalived.json} (the JSON signal; a
 * JSON array of {@code {data:{...}, stats:{...}}} with keepalived's field names and state
 * numbers), {@code keepalived.stats} (SIGUSR2, keepalived's exact layout) and
 * {@code keepalived.data} (SIGUSR1, human readable). Pure: built from the engine on the VRRP
 * thread, written to files by the shell.
 */
public final class StateDump {
    private StateDump() {
    }

    /** {@link #json(VrrpEngine, java.util.function.Function)} with no transition times known (0). */
    public static String json(VrrpEngine engine) {
        return json(engine, name -> null);
    }

    /**
     * keepalived's JSON dump; {@code lastTransition} gives when an instance last changed state
     * (null: not yet), written as json-c writes the double keepalived makes of it.
     */
    public static String json(VrrpEngine engine, java.util.function.Function<String, java.time.Instant> lastTransition) {
        StringBuilder s = new StringBuilder("[");
        List<VirtualRouter> routers = engine.routers();
        for (int i = 0; i < routers.size(); i++) {
            VirtualRouter r = routers.get(i);
            VirtualRouterConfig c = r.config();
            s.append(i == 0 ? "" : ",").append("{\"data\":{");
            field(s, "iname", c.name()).append(',');
            field(s, "dont_track_primary", c.dontTrackPrimary() ? 1 : 0).append(',');
            field(s, "skip_check_adv_addr", c.skipCheckAdvAddr() ? 1 : 0).append(',');
            field(s, "strict_mode", c.strict() ? 1 : 0).append(',');
            field(s, "vmac_ifname", c.virtualLink() instanceof io.lvsj.keepalived.vrrp.config.VirtualLink.Macvlan m
                    ? m.name() : "").append(',');
            field(s, "ifp_ifname", c.interfaceName()).append(',');
            field(s, "master_priority", r.masterPriority()).append(',');
            java.time.Instant at = lastTransition.apply(c.name());
            number(s, "last_transition", at == null ? "0" : java.math.BigDecimal.valueOf(at.getEpochSecond() * 1_000_000L
                    + at.getNano() / 1000, 6).stripTrailingZeros().toPlainString()).append(',');
            number(s, "garp_delay", jsonSeconds(c.garp().masterDelay().toNanos() / 1000)).append(',');
            field(s, "garp_refresh", c.garp().masterRefresh().toSeconds()).append(',');
            field(s, "garp_rep", c.garp().masterRepeat()).append(',');
            field(s, "garp_refresh_rep", c.garp().masterRefreshRepeat()).append(',');
            field(s, "garp_lower_prio_delay", c.garp().lowerPrioDelay().toSeconds()).append(',');
            field(s, "garp_lower_prio_rep", c.garp().lowerPrioRepeat()).append(',');
            field(s, "lower_prio_no_advert", c.lowerPrioNoAdvert() ? 1 : 0).append(',');
            field(s, "higher_prio_send_advert", c.higherPrioSendAdvert() ? 1 : 0).append(',');
            field(s, "vrid", c.vrid()).append(',');
            field(s, "base_priority", r.basePriority()).append(',');
            field(s, "effective_priority", r.effectivePriority()).append(',');
            s.append("\"vipset\":").append(r.vipSet()).append(',');
            s.append("\"promote_secondaries\":").append(c.promoteSecondaries()).append(',');
            number(s, "adver_int", jsonSeconds(r.advertIntervalMicros())).append(',');
            number(s, "master_adver_int", jsonSeconds(r.masterAdvertIntervalMicros())).append(',');
            field(s, "accept", c.accept() ? 1 : 0).append(',');
            s.append("\"nopreempt\":").append(r.config().nopreempt()).append(',');
            field(s, "preempt_delay", r.config().preemptDelay().toSeconds()).append(',');
            field(s, "state", r.state().number()).append(',');
            field(s, "wantstate", r.wantState().number()).append(',');
            field(s, "version", c.version()).append(',');
            s.append("\"smtp_alert\":").append(c.smtpAlert()).append(',');
            s.append("\"notify_deleted\":").append(c.notifyDeleted()).append(',');
            addresses(s, "vips", r, c.virtualAddresses());
            if (!c.excludedAddresses().isEmpty()) {
                s.append(',');
                addresses(s, "evips", r, c.excludedAddresses());
            }
            List<String> tracked = c.tracked().stream().filter(t -> t.kind() == Tracked.Kind.INTERFACE)
                    .map(Tracked::name).toList();
            if (!tracked.isEmpty()) {
                s.append(",\"track_ifp\":[");
                for (int t = 0; t < tracked.size(); t++) {
                    s.append(t == 0 ? "" : ",").append(quote(tracked.get(t)));
                }
                s.append(']');
            }
            s.append(',');
            field(s, "auth_type", c.authentication().type().code());
            s.append("},\"stats\":{");
            RouterStats st = r.stats();
            field(s, "advert_rcvd", st.advertRcvd).append(',');
            field(s, "advert_sent", st.advertSent).append(',');
            field(s, "become_master", st.becomeMaster).append(',');
            field(s, "release_master", st.releaseMaster).append(',');
            field(s, "packet_len_err", st.packetLenErr).append(',');
            field(s, "advert_interval_err", st.advertIntervalErr).append(',');
            field(s, "ip_ttl_err", st.ipTtlErr).append(',');
            field(s, "invalid_type_rcvd", st.invalidTypeRcvd).append(',');
            field(s, "addr_list_err", st.addrListErr).append(',');
            field(s, "invalid_authtype", st.invalidAuthtype).append(',');
            field(s, "authtype_mismatch", st.authtypeMismatch).append(',');
            field(s, "auth_failure", st.authFailure).append(',');
            field(s, "pri_zero_rcvd", st.priZeroRcvd).append(',');
            field(s, "pri_zero_sent", st.priZeroSent);
            s.append("}}");
        }
        return s.append("]\n").toString();
    }

    /** keepalived's {@code keepalived.stats}, line for line. */
    public static String stats(VrrpEngine engine) {
        StringBuilder s = new StringBuilder();
        for (VirtualRouter r : engine.routers()) {
            RouterStats st = r.stats();
            s.append("VRRP Instance: ").append(r.name()).append('\n');
            s.append("  Advertisements:\n");
            s.append("    Received: ").append(st.advertRcvd).append('\n');
            s.append("    Sent: ").append(st.advertSent).append('\n');
            s.append("  Became master: ").append(st.becomeMaster).append('\n');
            s.append("  Released master: ").append(st.releaseMaster).append('\n');
            s.append("  Packet Errors:\n");
            s.append("    Length: ").append(st.packetLenErr).append('\n');
            s.append("    TTL: ").append(st.ipTtlErr).append('\n');
            s.append("    Invalid Type: ").append(st.invalidTypeRcvd).append('\n');
            s.append("    Advertisement Interval: ").append(st.advertIntervalErr).append('\n');
            s.append("    Address List: ").append(st.addrListErr).append('\n');
            s.append("  Authentication Errors:\n");
            s.append("    Invalid Type: ").append(st.invalidAuthtype).append('\n');
            s.append("    Type Mismatch: ").append(st.authtypeMismatch).append('\n');
            s.append("    Failure: ").append(st.authFailure).append('\n');
            s.append("  Priority Zero:\n");
            s.append("    Received: ").append(st.priZeroRcvd).append('\n');
            s.append("    Sent: ").append(st.priZeroSent).append('\n');
        }
        return s.toString();
    }

    /** Zeroes every counter (keepalived's STATS_CLEAR, after writing the stats). */
    public static void clearStats(VrrpEngine engine) {
        for (VirtualRouter r : engine.routers()) {
            r.stats().clear();
        }
    }

    /** A readable summary for {@code keepalived.data} (keepalived does not fix this format). */
    public static String data(VrrpEngine engine) {
        StringBuilder s = new StringBuilder("------< VRRP Topology >------\n");
        for (VirtualRouter r : engine.routers()) {
            VirtualRouterConfig c = r.config();
            s.append(" VRRP Instance = ").append(c.name()).append('\n');
            s.append("   VRRP Version = ").append(c.version()).append('\n');
            s.append("   State = ").append(r.state()).append('\n');
            s.append("   Wantstate = ").append(r.wantState()).append('\n');
            s.append("   Interface = ").append(c.interfaceName()).append('\n');
            s.append("   Virtual Router ID = ").append(c.vrid()).append('\n');
            s.append("   Priority = ").append(r.basePriority()).append('\n');
            s.append("   Effective priority = ").append(r.effectivePriority()).append('\n');
            s.append("   Advert interval = ").append(seconds(r.advertIntervalMicros())).append(" sec\n");
            s.append("   Preempt = ").append(r.config().nopreempt() ? "disabled" : "enabled").append('\n');
            if (r.masterAddress() != null) {
                s.append("   Last master = ").append(r.masterAddress().getHostAddress()).append(" priority ")
                        .append(r.masterPriority()).append('\n');
            }
            s.append("   Virtual IP = ").append(c.virtualAddresses().size()).append('\n');
            for (VirtualAddress v : c.virtualAddresses()) {
                s.append("     ").append(v.describe(c.interfaceName())).append(r.vipSet() ? " set" : "").append('\n');
            }
            if (r.group() != null) {
                s.append("   Sync group = ").append(r.group().name()).append('\n');
            }
        }
        for (SyncGroup g : engine.groups()) {
            s.append(" VRRP Sync Group = ").append(g.name()).append(", ").append(g.state()).append('\n');
            for (VirtualRouter m : g.members()) {
                s.append("   monitor = ").append(m.name()).append('\n');
            }
        }
        return s.toString();
    }

    private static void addresses(StringBuilder s, String name, VirtualRouter r, List<VirtualAddress> list) {
        s.append(quote(name)).append(":[");
        for (int i = 0; i < list.size(); i++) {
            s.append(i == 0 ? "" : ",").append(quote(list.get(i).describe(r.config().interfaceName())
                    + (r.vipSet() ? " set" : "")));
        }
        s.append(']');
    }

    /** Seconds as json-c writes a double: no trailing zeros, no point for a whole number (5, 0.1). */
    private static String jsonSeconds(long micros) {
        return java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%f", micros / 1e6);
    }

    private static StringBuilder field(StringBuilder s, String name, String value) {
        return s.append(quote(name)).append(':').append(quote(value));
    }

    private static StringBuilder number(StringBuilder s, String name, String value) {
        return s.append(quote(name)).append(':').append(value);
    }

    private static StringBuilder field(StringBuilder s, String name, long value) {
        return s.append(quote(name)).append(':').append(value);
    }

    private static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '/' -> q.append("\\/"); // json-c escapes it
                case '\n' -> q.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        q.append(String.format("\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
