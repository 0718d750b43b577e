package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.SyncGroupConfig;
import io.lvsj.keepalived.vrrp.config.Tracked;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.config.VrrpScriptConfig;
import io.lvsj.keepalived.vrrp.wire.AuthType;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes the keepalived.conf that means the same as a {@link VrrpConfig}, for Debian's keepalived. */
final class KeepalivedConf {
    private KeepalivedConf() {
    }

    static String render(VrrpConfig config) {
        StringBuilder s = new StringBuilder();
        s.append("global_defs {\n  router_id lab\n");
        // keepalived_script does not exist here; name root so keepalived runs scripts at all.
        s.append("  script_user ").append(config.scriptUser() != null ? config.scriptUser() : "root").append('\n');
        s.append("  enable_script_security\n");
        for (io.lvsj.keepalived.lib.NotifyFifoConfig fifo : config.notifyFifos()) {
            s.append("  ").append(fifo.kind()).append("notify_fifo ").append(fifo.path()).append('\n');
        }
        if (config.globals().logUnknownVrids()) {
            s.append("  log_unknown_vrids\n");
        }
        io.lvsj.keepalived.vrrp.config.GarpPacing pacing = config.globals().garpPacing();
        pacing.defaults().garp().ifPresent(d -> s.append("  vrrp_garp_interval ").append(micros(d)).append('\n'));
        pacing.defaults().gna().ifPresent(d -> s.append("  vrrp_gna_interval ").append(micros(d)).append('\n'));
        s.append("}\n");
        for (io.lvsj.keepalived.vrrp.config.GarpPacing.Group g : pacing.groups()) {
            s.append("garp_group {\n");
            g.pace().garp().ifPresent(d -> s.append("  garp_interval ").append(micros(d)).append('\n'));
            g.pace().gna().ifPresent(d -> s.append("  gna_interval ").append(micros(d)).append('\n'));
            s.append("  interfaces {\n");
            g.interfaces().forEach(i -> s.append("    ").append(i).append('\n'));
            s.append("  }\n}\n");
        }
        if (!config.staticAddresses().isEmpty()) {
            addresses(s, "static_ipaddress", config.staticAddresses());
        }
        for (VrrpScriptConfig sc : config.scripts()) {
            s.append("vrrp_script ").append(sc.name()).append(" {\n");
            s.append("  script \"").append(String.join(" ", sc.command())).append("\"\n");
            s.append("  interval ").append(seconds(sc.interval().toMillis())).append('\n');
            s.append("  timeout ").append(seconds(sc.timeout().toMillis())).append('\n');
            s.append("  weight ").append(sc.weight()).append(sc.reverse() ? " reverse" : "").append('\n');
            s.append("  rise ").append(sc.rise()).append("\n  fall ").append(sc.fall()).append('\n');
            s.append("}\n");
        }
        for (io.lvsj.keepalived.vrrp.config.TrackProcessConfig p : config.trackProcesses()) {
            s.append("vrrp_track_process ").append(p.name()).append(" {\n  process ").append(p.process());
            p.parameters().forEach(word -> s.append(' ').append(word));
            s.append("\n  quorum ").append(p.quorum()).append('\n');
            if (!p.forkDelay().isZero()) {
                s.append("  fork_delay ").append(seconds(p.forkDelay().toMillis())).append('\n');
            }
            if (!p.terminateDelay().isZero()) {
                s.append("  terminate_delay ").append(seconds(p.terminateDelay().toMillis())).append('\n');
            }
            s.append("}\n");
        }
        for (SyncGroupConfig g : config.syncGroups()) {
            s.append("vrrp_sync_group ").append(g.name()).append(" {\n  group {\n");
            g.members().forEach(m -> s.append("    ").append(m).append('\n'));
            s.append("  }\n");
            notify(s, g.notifyCommands().any() == null ? null : g.notifyCommands().any().argv());
            s.append("}\n");
        }
        for (VirtualRouterConfig c : config.instances()) {
            instance(s, c);
        }
        return s.toString();
    }

    private static void instance(StringBuilder s, VirtualRouterConfig c) {
        s.append("vrrp_instance ").append(c.name()).append(" {\n");
        s.append("  state ").append(c.initialMaster() ? "MASTER" : "BACKUP").append('\n');
        s.append("  interface ").append(c.interfaceName()).append('\n');
        s.append("  virtual_router_id ").append(c.vrid()).append('\n');
        s.append("  priority ").append(c.priority()).append('\n');
        s.append("  version ").append(c.version()).append('\n');
        s.append("  advert_int ").append(seconds(c.advertIntervalCentis() * 10L)).append('\n');
        if (c.nopreempt()) {
            s.append("  nopreempt\n");
        }
        if (!c.preemptDelay().isZero()) {
            s.append("  preempt_delay ").append(seconds(c.preemptDelay().toMillis())).append('\n');
        }
        if (c.sourceAddress() != null) {
            s.append(c.isUnicast() ? "  unicast_src_ip " : "  mcast_src_ip ").append(text(c.sourceAddress()))
                    .append('\n');
        }
        if (c.isUnicast()) {
            s.append("  unicast_peer {\n");
            c.unicastPeers().forEach(p -> {
                s.append("    ").append(text(p));
                VirtualRouterConfig.TtlRange ttl = c.peerTtls().get(p);
                if (ttl != null) {
                    s.append(" min_ttl ").append(ttl.min()).append(" max_ttl ").append(ttl.max());
                }
                s.append('\n');
            });
            s.append("  }\n");
            if (c.unicastTtl() != 255) {
                s.append("  unicast_ttl ").append(c.unicastTtl()).append('\n');
            }
            if (c.checkUnicastSource()) {
                s.append("  check_unicast_src\n");
            }
        }
        if (!c.isUnicast() && c.multicastGroup() != null) {
            s.append("  mcast_dst_ip ").append(text(c.multicastGroup())).append('\n');
        }
        if (c.authentication().type() != AuthType.NONE) {
            s.append("  authentication {\n    auth_type ").append(c.authentication().type()).append("\n    auth_pass ")
                    .append(new String(c.authentication().key(), StandardCharsets.US_ASCII).replace("\0", ""))
                    .append("\n  }\n");
        }
        if (c.virtualLink() instanceof io.lvsj.keepalived.vrrp.config.VirtualLink.Macvlan m) {
            s.append("  use_vmac ").append(m.name()).append('\n');
            if (m.transmitOnBase()) {
                s.append("  vmac_xmit_base\n");
            }
        }
        if (!c.accept()) {
            s.append("  no_accept\n");
        }
        s.append("  garp_master_delay ").append(c.garp().masterDelay().toSeconds()).append('\n');
        s.append("  garp_master_repeat ").append(c.garp().masterRepeat()).append('\n');
        addresses(s, "virtual_ipaddress", c.virtualAddresses());
        if (!c.excludedAddresses().isEmpty()) {
            addresses(s, "virtual_ipaddress_excluded", c.excludedAddresses());
        }
        if (!c.virtualRoutes().isEmpty()) {
            s.append("  virtual_routes {\n");
            c.virtualRoutes().forEach(r -> s.append("    ").append(r.describe()).append('\n'));
            s.append("  }\n");
        }
        tracked(s, "track_interface", c.tracked(), Tracked.Kind.INTERFACE);
        tracked(s, "track_script", c.tracked(), Tracked.Kind.SCRIPT);
        tracked(s, "track_process", c.tracked(), Tracked.Kind.PROCESS);
        notify(s, c.notifyCommands().any() == null ? null : c.notifyCommands().any().argv());
        s.append("}\n");
    }

    private static void addresses(StringBuilder s, String block, List<VirtualAddress> addresses) {
        s.append("  ").append(block).append(" {\n");
        for (VirtualAddress v : addresses) {
            s.append("    ").append(text(v.address())).append('/').append(v.prefixLength());
            if (v.device() != null) {
                s.append(" dev ").append(v.device());
            }
            s.append('\n');
        }
        s.append("  }\n");
    }

    private static void tracked(StringBuilder s, String block, List<Tracked> tracked, Tracked.Kind kind) {
        List<Tracked> these = tracked.stream().filter(t -> t.kind() == kind).toList();
        if (these.isEmpty()) {
            return;
        }
        s.append("  ").append(block).append(" {\n");
        these.forEach(t -> s.append("    ").append(t.name()).append(" weight ").append(t.weight()).append('\n'));
        s.append("  }\n");
    }

    private static void notify(StringBuilder s, List<String> command) {
        if (command != null) {
            s.append("  notify \"").append(String.join(" ", command)).append("\"\n");
        }
    }

    /** Seconds with up to six decimals, as keepalived reads a pacing interval. */
    private static String micros(java.time.Duration d) {
        return java.math.BigDecimal.valueOf(d.toNanos() / 1000, 6).stripTrailingZeros().toPlainString();
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%.3f", millis / 1000.0);
    }

    private static String text(InetAddress a) {
        return a.getHostAddress();
    }
}
