package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VrrpInstance;
import io.lvsj.keepalived.config.host.NetInterface;

import java.net.InetAddress;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code vrrp_instance} and its keywords ({@code vrrp_handler} and friends in keepalived's {@code vrrp_parser.c}). */
final class VrrpInstanceSection {
    private static final int IFNAMSIZ = 16;
    private static final long TIMER_MAX_SEC = 1000;

    private final ParseContext ctx;
    private final VrrpData data;
    private final AddressParser addresses;
    private final RouteParser routes;
    private final RuleParser rules;
    private final Trackers trackers;
    private final VirtualLinkKeywords virtualLinks;

    VrrpInstanceSection(ParseContext ctx, AddressParser addresses, RouteParser routes, RuleParser rules, Trackers trackers) {
        this.virtualLinks = new VirtualLinkKeywords(ctx, addresses, this::vrrp);
        this.ctx = ctx;
        this.data = ctx.vrrp;
        this.addresses = addresses;
        this.routes = routes;
        this.rules = rules;
        this.trackers = trackers;
    }

    private VrrpData.InstanceDraft vrrp() {
        return data.instances.getLast();
    }

    void install(Grammar grammar, boolean active) {
        Keyword k = grammar.root("vrrp_instance", this::open, active);
        k.onClose(this::close);
        virtualLinks.install(k);
        k.add("unicast_peer", st -> {
            vrrp().unicastConfigured = true;
            for (Statement line : ctx.parser.valueBlock(st)) {
                unicastPeer(line);
            }
        });
        k.add("unicast_fault_no_peer", st -> {
            vrrp().unicastConfigured = true;
            vrrp().unicastFaultNoPeer = true;
        });
        k.add("check_unicast_src", st -> {
            vrrp().unicastConfigured = true;
            vrrp().checkUnicastSrc = true;
        });
        k.add("old_unicast_checksum", st -> {
            vrrp().unicastConfigured = true;
            if (st.size() >= 2) {
                if (st.word(1).equals("never")) {
                    vrrp().checksumCompat = VrrpInstance.ChecksumCompatibility.NEVER;
                } else {
                    ctx.error(st, "(" + vrrp().name + ") Unknown old_unicast_chksum mode " + st.word(1) + " - ignoring");
                }
            } else {
                vrrp().checksumCompat = VrrpInstance.ChecksumCompatibility.ALWAYS;
            }
        });
        k.add("native_ipv6", st -> {
            if (Integer.valueOf(4).equals(vrrp().family)) {
                ctx.error(st, "(" + vrrp().name + ") Cannot specify native_ipv6 with IPv4 addresses");
                return;
            }
            vrrp().family = 6;
            vrrp().version = 3;
        });
        k.add("state", this::state);
        k.add("interface", this::iface);
        k.add("vrf", this::vrf);
        k.add("dont_track_primary", st -> vrrp().dontTrackPrimary = true);
        k.add("track_interface", st -> each(st, line -> trackers.trackInterface(vrrp().name, vrrp().trackInterfaces, line)));
        k.add("track_script", st -> each(st, line -> trackers.trackScript(vrrp().name, vrrp().trackScripts, line)));
        k.add("track_file", st -> each(st, line -> trackers.trackFile(vrrp().name, vrrp().trackFiles, line)));
        k.add("track_process", st -> each(st, line -> trackers.trackProcess(vrrp().name, vrrp().trackProcesses, line)));
        k.add("track_bfd", st -> each(st, line -> trackers.trackBfd(vrrp().name, vrrp().trackBfds, line)));
        k.add("mcast_src_ip", this::sourceAddress);
        k.add("unicast_src_ip", st -> {
            vrrp().unicastConfigured = true;
            sourceAddress(st);
        });
        k.add("mcast_dst_ip", this::mcastDestination);
        k.add("track_src_ip", st -> vrrp().trackSourceAddress = true);
        k.add("virtual_router_id", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, 255, false);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): VRID '" + st.word(1) + "' not valid - must be between 1 & 255");
                return;
            }
            vrrp().vrid = v.intValue();
        });
        k.add("unicast_ttl", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, 255, false);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): TTL '" + st.word(1) + "' not valid - must be between 0 & 255");
                return;
            }
            vrrp().ttl = v.intValue();
        });
        k.add("version", st -> {
            Long v = ctx.numbers(st).readInt(st.word(1), 2, 3, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): Version must be either 2 or 3");
                return;
            }
            if ((vrrp().version != 0 && vrrp().version != v) || (v == 2 && Integer.valueOf(6).equals(vrrp().family))) {
                ctx.error(st, "(" + vrrp().name + ") vrrp_version " + v + " conflicts with configured or deduced version "
                        + vrrp().version + "; ignoring.");
                return;
            }
            vrrp().version = v.intValue();
        });
        k.add("priority", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, 255, false);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + ") Priority not valid! must be between 1 & 255. Using default 100");
                vrrp().basePriority = 100;
            } else {
                vrrp().basePriority = v.intValue();
            }
        });
        k.add("advert_int", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), Numbers.TIMER_HZ / 100, 255 * Numbers.TIMER_HZ, Numbers.TIMER_DIGITS, true);
            if (v == null || v <= 0) {
                ctx.error(st, "(" + vrrp().name + ") Advert interval (" + st.word(1) + ") not valid! Must be > 0 - ignoring");
            } else {
                vrrp().advertInterval = v;
            }
        });
        k.add("virtual_ipaddress", st -> each(st, this::vip));
        k.add("virtual_ipaddress_excluded", st -> each(st, line -> {
            IpAddress a = addresses.parse(line, false);
            if (a != null) {
                vrrp().evips.add(a);
            }
        }));
        k.add("promote_secondaries", st -> vrrp().promoteSecondaries = true);
        k.add("linkbeat_use_polling", st -> {
            vrrp().linkbeatPolling = true;
            ctx.error(st, "(" + vrrp().name + ") 'linkbeat_use_polling' in vrrp instance deprecated - use linkbeat_interfaces block");
        });
        k.add("virtual_routes", st -> each(st, line -> {
            Route r = routes.parse(line, false);
            if (r != null) {
                vrrp().routes.add(r);
            }
        }));
        k.add("virtual_rules", st -> each(st, line -> {
            Rule r = rules.parse(line, false);
            if (r != null) {
                vrrp().rules.add(r);
            }
        }));
        k.add("accept", st -> vrrp().accept = true);
        k.add("no_accept", st -> vrrp().accept = false);
        k.add("skip_check_adv_addr", st -> {
            if (st.size() >= 2) {
                int res = Numbers.trueFalse(st.word(1));
                if (res >= 0) {
                    vrrp().skipCheckAdvAddr = true; // keepalived sets it whatever the value
                } else {
                    ctx.error(st, "(" + vrrp().name + ") invalid skip_check_adv_addr " + st.word(1) + " specified");
                }
            } else {
                vrrp().skipCheckAdvAddr = true;
            }
        });
        k.add("strict_mode", st -> {
            if (st.size() >= 2) {
                int res = Numbers.trueFalse(st.word(1));
                if (res >= 0) {
                    vrrp().strict = res == 1;
                } else {
                    ctx.error(st, "(" + vrrp().name + ") invalid strict_mode " + st.word(1) + " specified");
                }
            } else {
                vrrp().strict = true;
            }
        });
        k.add("preempt", st -> vrrp().nopreempt = false);
        k.add("nopreempt", st -> vrrp().nopreempt = true);
        k.add("preempt_delay", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), 0, TIMER_MAX_SEC * Numbers.TIMER_HZ, Numbers.TIMER_DIGITS, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + ") Preempt_delay not valid! must be between 0-" + TIMER_MAX_SEC);
                vrrp().preemptDelay = 0;
            } else {
                vrrp().preemptDelay = v;
            }
        });
        k.add("debug", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, 4, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + ") Debug value '" + st.word(1) + "' not valid; must be between 0-4");
            } else {
                vrrp().debug = v.intValue();
            }
        });
        notify(k, "notify_backup", () -> vrrp().notify.backup, s -> vrrp().notify.backup = s);
        notify(k, "notify_master", () -> vrrp().notify.master, s -> vrrp().notify.master = s);
        notify(k, "notify_fault", () -> vrrp().notify.fault, s -> vrrp().notify.fault = s);
        notify(k, "notify_stop", () -> vrrp().notify.stop, s -> vrrp().notify.stop = s);
        k.add("notify_deleted", st -> {
            if (vrrp().notifyDeleted) {
                ctx.error(st, "(" + vrrp().name + ") notify_deleted already specified - ignoring " + (st.size() > 1 ? st.word(1) : ""));
                return;
            }
            if (st.size() > 1) {
                vrrp().notify.deleted = ctx.scripts.notifyScript(st, "notify");
            }
            vrrp().notifyDeleted = true;
        });
        notify(k, "notify", () -> vrrp().notify.any, s -> vrrp().notify.any = s);
        notify(k, "notify_master_rx_lower_pri", () -> vrrp().notify.masterRxLowerPri, s -> vrrp().notify.masterRxLowerPri = s);
        k.add("smtp_alert", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "Invalid vrrp_instance smtp_alert parameter " + st.word(1));
                return;
            }
            vrrp().smtpAlert = res == 1;
        });
        k.add("notify_priority_changes", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "(" + vrrp().name + ") Invalid value '" + st.word(1) + "' for notify_priority_changes specified");
                return;
            }
            vrrp().notifyPriorityChanges = res == 1;
        });
        k.add("lvs_sync_daemon_interface", st -> {
            ctx.error(st, "(" + vrrp().name + ") Specifying lvs_sync_daemon_interface against a vrrp is deprecated.");
            ctx.error(st, "      " + " ".repeat(Math.max(0, vrrp().name.length() - 2)) + "Please use global lvs_sync_daemon");
            if (ctx.global.syncdInterface != null) {
                ctx.error(st, "(" + vrrp().name + ") lvs_sync_daemon_interface has already been specified as "
                        + ctx.global.syncdInterface + " - ignoring");
                return;
            }
            ctx.global.syncdInterface = st.word(1);
            ctx.global.syncdInstance = vrrp().name;
        });
        k.add("garp_master_delay", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): garp_master_delay '" + st.word(1) + "' invalid - ignoring");
                return;
            }
            vrrp().garpDelay = v * Numbers.TIMER_HZ;
        });
        k.add("garp_master_refresh", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): Invalid garp_master_refresh '" + st.word(1) + "' - ignoring");
                vrrp().garpRefresh = 0;
            } else {
                vrrp().garpRefresh = v * Numbers.TIMER_HZ;
            }
        });
        k.add("garp_master_repeat", st -> {
            Long v = repeats(st, "garp_master_repeat");
            if (v != null) {
                vrrp().garpRepeat = v;
            }
        });
        k.add("garp_master_refresh_repeat", st -> {
            Long v = repeats(st, "garp_master_refresh_repeat");
            if (v != null) {
                vrrp().garpRefreshRepeat = v;
            }
        });
        k.add("garp_lower_prio_delay", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): garp_lower_prio_delay '" + st.word(1) + "' invalid - ignoring");
                return;
            }
            vrrp().garpLowerPrioDelay = v * Numbers.TIMER_HZ;
        });
        k.add("garp_lower_prio_repeat", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.INT_MAX, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): Invalid garp_lower_prio_repeat '" + st.word(1) + "'");
                return;
            }
            vrrp().garpLowerPrioRepeat = v;
        });
        k.add("down_timer_adverts", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, 100, true);
            if (v == null) {
                ctx.error(st, "(" + vrrp().name + "): Invalid down_timer_adverts [1:100] '" + st.word(1) + "'");
                return;
            }
            vrrp().downTimerAdverts = v;
        });
        k.add("garp_extra_if", this::garpExtraIf);
        k.add("vmac_garp_intvl", this::garpExtraIf);
        k.add("lower_prio_no_advert", st -> vrrp().lowerPrioNoAdvert = flag(st, "lower_prio_no_advert", vrrp().lowerPrioNoAdvert));
        k.add("higher_prio_send_advert", st -> vrrp().higherPrioSendAdvert = flag(st, "higher_prio_send_advert", vrrp().higherPrioSendAdvert));
        k.add("kernel_rx_buf_size", st -> {
            if (st.size() == 2) {
                Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
                if (v != null) {
                    vrrp().kernelRxBufSize = v;
                    return;
                }
            }
            ctx.error(st, "(" + vrrp().name + ") invalid kernel_rx_buf_size specified");
        });
        Keyword auth = k.add("authentication", null).emptyBlock();
        auth.add("auth_type", st -> {
            switch (st.word(1)) {
                case "AH" -> vrrp().authType = VrrpInstance.Authentication.Type.AH;
                case "PASS" -> vrrp().authType = VrrpInstance.Authentication.Type.PASS;
                default -> ctx.error(st, "(" + vrrp().name + ") unknown authentication type '" + st.word(1) + "'");
            }
        });
        auth.add("auth_pass", st -> {
            String pass = st.word(1);
            byte[] bytes = pass.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (bytes.length > 8) {
                ctx.error(st, "Truncating auth_pass to 8 characters");
                pass = new String(bytes, 0, 8, java.nio.charset.StandardCharsets.UTF_8);
            }
            vrrp().authPass = pass;
        });
    }

    private void each(Statement st, Consumer<Statement> line) {
        for (Statement s : ctx.parser.valueBlock(st)) {
            line.accept(s);
        }
    }

    private Boolean flag(Statement st, String name, Boolean current) {
        if (st.size() >= 2) {
            int res = Numbers.trueFalse(st.word(1));
            if (res >= 0) {
                return res == 1;
            }
            ctx.error(st, "(" + vrrp().name + ") invalid " + name + " " + st.word(1) + " specified");
            return current;
        }
        return true;
    }

    private Long repeats(Statement st, String name) {
        Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
        if (v == null) {
            ctx.error(st, "(" + vrrp().name + "): " + name + " '" + st.word(1) + "' invalid - ignoring");
            return null;
        }
        if (v == 0) {
            ctx.error(st, "(" + vrrp().name + "): " + name + " must be greater than 0, setting to 1");
            v = 1L;
        }
        return v;
    }

    private void notify(Keyword k, String keyword, Supplier<Script> current, Consumer<Script> set) {
        k.add(keyword, st -> {
            if (current.get() != null) {
                ctx.error(st, "(" + vrrp().name + ") " + keyword + " script already specified - ignoring " + st.word(1));
                return;
            }
            set.accept(ctx.scripts.notifyScript(st, "notify"));
        });
    }

    private void open(Statement st) {
        if (st.size() != 2) {
            ctx.error(st, "vrrp_instance must have a name");
            ctx.parser.skipBlock(true);
            return;
        }
        String name = st.word(1);
        if (data.findInstance(name) != null) {
            ctx.error(st, "vrrp instance " + name + " already defined");
            ctx.parser.skipBlock(true);
            return;
        }
        VrrpData.InstanceDraft v = new VrrpData.InstanceDraft(st.location(), name);
        GlobalDraft g = ctx.global;
        v.garpRepeat = g.garpRepeat;
        v.garpRefresh = g.garpRefresh;
        v.garpRefreshRepeat = g.garpRefreshRepeat;
        v.garpDelay = g.garpDelay;
        v.downTimerAdverts = g.downTimerAdverts;
        v.skipCheckAdvAddr = g.skipCheckAdvAddr;
        data.instances.add(v);
    }

    private void close() {
        VrrpData.InstanceDraft v = vrrp();
        if (v.unicastConfigured && (v.vmac || v.ipvlan)) {
            if (v.iface == null) {
                ctx.report(v.location, Severity.GENERAL, "(" + v.name + "): Cannot use VMAC/ipvlan with unicast and no interface - clearing use_vmac");
                v.vmac = false;
                v.ipvlan = false;
                v.vmacName = null;
                v.ipvlanName = null;
            } else if (!v.vmacXmitBase) {
                ctx.report(v.location, Severity.GENERAL, "(" + v.name + ") unicast with use_vmac requires vmac_xmit_base - setting");
                v.vmacXmitBase = true;
            }
        }
        if (v.peers.isEmpty() && v.ttl != -1) {
            ctx.report(v.location, Severity.GENERAL, "(" + v.name + "): Cannot use unicast_ttl without unicast peers - resetting");
            v.ttl = 0;
        }
        if (v.iface == null) {
            v.linkbeatPolling = false;
        }
    }

    private void state(Statement st) {
        String s = st.word(1);
        VrrpData.InstanceDraft v = vrrp();
        if (s.equals("MASTER")) {
            v.wantState = 2;
        } else if (s.equals("BACKUP")) {
            if (Integer.valueOf(2).equals(v.wantState)) {
                ctx.error(st, "(" + v.name + ") state previously set as MASTER - ignoring BACKUP");
            } else {
                v.wantState = 1;
            }
        } else {
            ctx.error(st, "(" + v.name + ") unknown state '" + s + "', defaulting to BACKUP");
            v.wantState = 1;
        }
    }

    private void iface(Statement st) {
        String name = st.word(1);
        VrrpData.InstanceDraft v = vrrp();
        if (name.length() >= IFNAMSIZ) {
            ctx.error(st, "Interface name '" + name + "' too long - ignoring");
            return;
        }
        Optional<NetInterface> ifp = ctx.interfaceDynamic(name);
        v.iface = null;
        v.interfaceName = null;
        if (ifp.isEmpty()) {
            ctx.error(st, "WARNING - interface " + name + " for vrrp_instance " + v.name + " doesn't exist");
        } else if (ifp.get().loopback()) {
            ctx.error(st, "(" + v.name + ") cannot use a loopback interface (" + name + ") for vrrp - ignoring");
        } else {
            v.iface = ifp.get();
            v.interfaceName = name;
        }
    }

    private void vrf(Statement st) {
        String name = st.word(1);
        VrrpData.InstanceDraft v = vrrp();
        if (name.length() >= IFNAMSIZ) {
            ctx.error(st, "(" + v.name + ") VRF interface name '" + name + "' too long - ignoring");
            return;
        }
        if (v.iface != null) {
            ctx.error(st, "(" + v.name + ") Cannot specify VRF interface and interface - ignoring");
            return;
        }
        if (v.vrf != null) {
            ctx.error(st, "(" + v.name + ") VRF interface already specified as '" + v.vrf + "' - ignoring");
            return;
        }
        Optional<NetInterface> ifp = ctx.interfaceDynamic(name);
        if (ifp.isEmpty()) {
            ctx.error(st, "(" + v.name + ") WARNING - VRF interface " + name + " doesn't exist");
        } else if (ifp.get().loopback()) {
            ctx.error(st, "(" + v.name + ") cannot use a loopback interface (" + name + ") for VRF - ignoring");
        } else {
            v.vrf = name;
        }
    }

    private void sourceAddress(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
        if (a == null) {
            ctx.error(st, "Configuration error: VRRP instance[" + v.name + "] malformed src address[" + st.word(1) + "]. Skipping...");
            return;
        }
        int family = Addresses.isIpv6(a) ? 6 : 4;
        v.sourceAddress = a;
        v.sourceFromConfig = true;
        if (v.family == null) {
            v.family = family;
        } else if (v.family != family) {
            ctx.error(st, "Configuration error: VRRP instance[" + v.name + "] and src address[" + st.word(1)
                    + "] MUST be of the same family !!! Skipping...");
            v.sourceAddress = null;
            v.sourceFromConfig = false;
        }
    }

    private void mcastDestination(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
        if (a == null) {
            ctx.error(st, "(" + v.name + ") malformed mcast dest address " + st.word(1) + ". Skipping...");
            return;
        }
        int family = Addresses.isIpv6(a) ? 6 : 4;
        v.mcastDst = a;
        if (v.family == null) {
            v.family = family;
        } else if (v.family != family) {
            ctx.error(st, "(" + v.name + ") mcast dest address " + st.word(1) + " MUST match VRRP instance family. Skipping...");
            v.mcastDst = null;
        }
        if (v.mcastDst != null && (family == 4 ? !a.isMulticastAddress() : !a.isMCLinkLocal())) {
            ctx.error(st, "(" + v.name + ") mcast_dst_ip " + st.word(1) + " not" + (family == 6 ? " link-local" : "") + " multicast. Skipping...");
            v.mcastDst = null;
        }
    }

    private void unicastPeer(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(0)));
        if (a == null) {
            ctx.error(st, "Configuration error: VRRP instance[" + v.name + "] malformed unicast peer address[" + st.word(0) + "]. Skipping...");
            return;
        }
        int family = Addresses.isIpv6(a) ? 6 : 4;
        if (v.family == null) {
            v.family = family;
        } else if (v.family != family) {
            ctx.error(st, "Configuration error: VRRP instance[" + v.name + "] and unicast peer address[" + st.word(0)
                    + "] MUST be of the same family !!! Skipping...");
            return;
        }
        long min = 0;
        long max = 255;
        for (int i = 1; i < st.size(); i += 2) {
            if (i + 1 >= st.size()) {
                ctx.error(st, "(" + v.name + ") " + st.word(i) + " is missing a value");
                break;
            }
            Long ttl = ctx.numbers(st).readUnsigned(st.word(i + 1), 0, 255, false);
            if (ttl != null) {
                if (st.word(i).equals("min_ttl")) {
                    min = ttl;
                } else if (st.word(i).equals("max_ttl")) {
                    max = ttl;
                } else {
                    ctx.error(st, "(" + v.name + ") unknown unicast_peer option " + st.word(i));
                    break;
                }
                v.checkUnicastSrc = true;
            }
        }
        if (min > max) {
            ctx.error(st, "(" + v.name + ") min_ttl " + min + " > max_ttl " + max + " - all packets will be discarded");
        }
        v.peers.add(new VrrpInstance.UnicastPeer(a, (int) min, (int) max));
    }

    private void vip(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        IpAddress a = addresses.parse(st, false);
        if (a == null) {
            return;
        }
        int family = a.isIpv6() ? 6 : 4;
        if (v.family == null) {
            v.family = family;
        } else if (v.family != family) {
            ctx.error(st, "(" + v.name + "): address family must match VRRP instance [" + st.word(0) + "] - ignoring");
            return;
        }
        v.vips.add(a);
    }

    private void garpExtraIf(Statement st) {
        VrrpData.InstanceDraft v = vrrp();
        String name = st.word(0);
        if (name.equals("vmac_garp_intvl")) {
            ctx.report(st, Severity.DEPRECATED, "Keyword \"vmac_garp_intvl\" is deprecated - please use \"garp_extra_if\"");
        }
        Long delay = null;
        for (int i = 1; i < st.size(); i++) {
            if (st.word(i).equals("all")) {
                v.garpExtraIfAll = true;
            } else {
                Long d = ctx.numbers(st).readUnsigned(st.word(i), 0, 86400, true);
                if (d == null) {
                    ctx.error(st, "(" + v.name + "): " + name + " '" + st.word(i) + "' invalid - ignoring");
                    return;
                }
                delay = d;
            }
        }
        if (delay == null) {
            ctx.error(st, "(" + v.name + "): " + name + " specified without time - ignoring");
            return;
        }
        v.garpExtraIf = delay;
    }
}
