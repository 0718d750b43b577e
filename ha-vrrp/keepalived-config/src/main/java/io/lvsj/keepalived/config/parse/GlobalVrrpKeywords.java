package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Severity;

import java.net.InetAddress;

/**
 * The {@code global_defs} keywords that set defaults for VRRP instances and the VRRP
 * process: multicast groups, gratuitous ARP timers, advert behaviour, nftables, receive
 * buffers and VMAC prefixes.
 */
final class GlobalVrrpKeywords extends GlobalKeywords {

    GlobalVrrpKeywords(ParseContext ctx) {
        super(ctx);
    }

    void install(Keyword defs) {
        kw(defs, "disable_local_igmp", st -> {
            if (!ctx.host.hasIgmpLinkLocalReports()) {
                ctx.error(st, "kernel does not support /proc/sys/net/ipv4/igmp_link_local_mcast_reports");
                return;
            }
            g.disableLocalIgmp = true;
        });
        kw(defs, "vrrp_mcast_group4", st -> mcastGroup(st, false));
        kw(defs, "vrrp_mcast_group6", st -> mcastGroup(st, true));
        kw(defs, "vrrp_garp_master_delay", st -> {
            Long t = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (t == null) {
                ctx.error(st, "vrrp_garp_master_delay '" + st.word(1) + "' invalid - ignoring");
                return;
            }
            g.garpDelay = t * Numbers.TIMER_HZ;
        });
        kw(defs, "vrrp_garp_master_repeat", st -> {
            Long r = repeats(st, "vrrp_garp_master_repeat");
            if (r != null) {
                g.garpRepeat = r;
            }
        });
        kw(defs, "vrrp_garp_master_refresh", st -> {
            Long r = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (r == null) {
                ctx.error(st, "Invalid vrrp_garp_master_refresh '" + st.word(1) + "' - ignoring");
                g.garpRefresh = 0;
            } else {
                g.garpRefresh = r * Numbers.TIMER_HZ;
            }
        });
        kw(defs, "vrrp_garp_master_refresh_repeat", st -> {
            Long r = repeats(st, "vrrp_garp_master_refresh_repeat");
            if (r != null) {
                g.garpRefreshRepeat = r;
            }
        });
        kw(defs, "vrrp_garp_lower_prio_delay", st -> {
            Long t = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (t == null) {
                ctx.error(st, "vrrp_garp_lower_prio_delay '" + st.word(1) + "' invalid - ignoring");
                return;
            }
            g.garpLowerPrioDelay = t * Numbers.TIMER_HZ;
        });
        kw(defs, "vrrp_garp_lower_prio_repeat", st -> {
            Long r = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.INT_MAX, true);
            if (r == null) {
                ctx.error(st, "Invalid vrrp_garp_lower_prio_repeat '" + st.word(1) + "'");
                return;
            }
            g.garpLowerPrioRepeat = r;
        });
        kw(defs, "vrrp_down_timer_adverts", st -> {
            Long n = ctx.numbers(st).readUnsigned(st.word(1), 1, 100, true);
            if (n == null) {
                ctx.error(st, "Invalid vrrp_down_timer_adverts [1:100] '" + st.word(1) + "'");
                return;
            }
            g.downTimerAdverts = n;
        });
        kw(defs, "vrrp_garp_interval", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), 1, Numbers.UINT_MAX, Numbers.TIMER_DIGITS, true);
            if (v == null) {
                ctx.error(st, "vrrp_garp_interval '" + st.word(1) + "' is invalid");
            } else {
                g.garpInterval = v;
            }
            if (g.garpInterval >= Numbers.TIMER_HZ) {
                ctx.note(st, "The vrrp_garp_interval is very large - " + st.word(1) + " seconds");
            }
        });
        kw(defs, "vrrp_gna_interval", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), 1, Numbers.UINT_MAX, Numbers.TIMER_DIGITS, true);
            if (v == null) {
                ctx.error(st, "vrrp_gna_interval '" + st.word(1) + "' is invalid");
            } else {
                g.gnaInterval = v;
            }
            if (g.gnaInterval >= Numbers.TIMER_HZ) {
                ctx.note(st, "The vrrp_gna_interval is very large - " + st.word(1) + " seconds");
            }
        });
        kw(defs, "vrrp_min_garp", st -> {
            if (st.size() >= 2) {
                int res = Numbers.trueFalse(st.word(1));
                if (res < 0) {
                    ctx.error(st, "Invalid value for vrrp_min_garp specified");
                    return;
                }
                if (res == 0) {
                    return;
                }
            }
            if (g.garpRepeat == 5) {
                g.garpRepeat = 1;
            }
            if (g.garpRefreshRepeat == 1) {
                g.garpRefreshRepeat = 0;
            }
            if (g.garpDelay == 5 * Numbers.TIMER_HZ) {
                g.garpDelay = 0;
            }
        });
        kw(defs, "vrrp_garp_extra_if", this::garpExtraIf);
        kw(defs, "vrrp_vmac_garp_intvl", this::garpExtraIf);
        kw(defs, "vrrp_lower_prio_no_advert", st -> {
            if (st.size() >= 2) {
                int res = Numbers.trueFalse(st.word(1));
                if (res < 0) {
                    ctx.error(st, "Invalid value for vrrp_lower_prio_no_advert specified");
                } else {
                    g.lowerPrioNoAdvert = res == 1;
                }
            } else {
                g.lowerPrioNoAdvert = true;
            }
        });
        kw(defs, "vrrp_higher_prio_send_advert", st -> {
            if (st.size() >= 2) {
                int res = Numbers.trueFalse(st.word(1));
                if (res < 0) {
                    ctx.error(st, "Invalid value for vrrp_higher_prio_send_advert specified");
                } else {
                    g.higherPrioSendAdvert = res == 1;
                }
            } else {
                g.higherPrioSendAdvert = true;
            }
        });
        kw(defs, "vrrp_version", st -> {
            Long v = ctx.numbers(st).readInt(st.word(1), 2, 3, true);
            if (v == null) {
                ctx.error(st, "VRRP Error: Version must be either 2 or 3");
                return;
            }
            g.vrrpVersion = v.intValue();
        });
        kw(defs, "vrrp_iptables", st -> {
            ctx.error(st, "iptables not supported, using nftables instead. Please replace 'vrrp_iptables and 'vrrp_ipsets' with 'nftables' config option");
            g.vrrpNfTable = "keepalived";
            g.vrrpNfPriority = -1;
        });
        kw(defs, "nftables", st -> {
            if (g.vrrpNfTable != null) {
                ctx.error(st, "nftables already specified - ignoring");
                return;
            }
            if (st.size() >= 2 && st.word(1).length() >= 256) {
                ctx.error(st, "nftables table name too long - ignoring");
                return;
            }
            g.vrrpNfTable = st.size() >= 2 ? st.word(1) : "keepalived";
            g.vrrpNfPriority = -1;
        });
        kw(defs, "nftables_priority", st -> {
            Long p = ctx.numbers(st).readInt(st.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
            if (p == null) {
                ctx.report(st, Severity.INVALID_NUMBER, "invalid nftables chain priority '" + st.word(1) + "'");
            } else {
                g.vrrpNfPriority = p.intValue();
            }
        });
        kw(defs, "nftables_ifindex", st -> g.vrrpNfIfindex = true);
        kw(defs, "nftables_ipvs", st -> {
            if (g.ipvsNfTable != null) {
                ctx.error(st, "ipvs nftables already specified - ignoring");
                return;
            }
            if (st.size() >= 2 && st.word(1).length() >= 256) {
                ctx.error(st, "ipvs nftables table name too long - ignoring");
                return;
            }
            g.ipvsNfTable = st.size() >= 2 ? st.word(1) : "keepalived_ipvs";
            g.ipvsNfPriority = -1;
            g.ipvsNfStartFwmark = 1000;
        });
        kw(defs, "nftables_ipvs_priority", st -> {
            Long p = ctx.numbers(st).readInt(st.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
            if (p == null) {
                ctx.report(st, Severity.INVALID_NUMBER, "invalid ipvs nftables chain priority '" + st.word(1) + "'");
            } else {
                g.ipvsNfPriority = p.intValue();
            }
        });
        kw(defs, "nftables_ipvs_start_fwmark", st -> {
            Long f = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, false);
            if (f == null) {
                ctx.report(st, Severity.INVALID_NUMBER, "invalid ipvs nftables start_fwmark priority '" + st.word(1) + "'");
            } else {
                g.ipvsNfStartFwmark = f;
            }
        });
        kw(defs, "nftables_counters", st -> g.nfCounters = true);
        kw(defs, "vrrp_check_unicast_src", st -> g.checkUnicastSrc = true);
        kw(defs, "vrrp_skip_check_adv_addr", st -> g.skipCheckAdvAddr = true);
        kw(defs, "vrrp_strict", st -> g.strict = true);
        bool(defs, "vrrp_notify_priority_changes", "Invalid value '%s' for global vrrp_notify_priority_changes specified",
                v -> g.notifyPriorityChanges = v);
        kw(defs, "fifo_write_vrrp_states_on_reload", st -> g.fifoWriteStatesOnReload = true);
        kw(defs, "vrrp_rx_bufs_policy", this::rxBufsPolicy);
        kw(defs, "vrrp_rx_bufs_multiplier", st -> {
            if (st.size() != 2) {
                ctx.error(st, "Invalid vrrp_rx_bufs_multiplier");
                return;
            }
            Long m = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, false);
            if (m == null) {
                ctx.error(st, "Invalid vrrp_rx_bufs_multiplier " + st.word(1));
            } else {
                g.rxBufsMultiplier = m;
            }
        });
        kw(defs, "vrrp_startup_delay", st -> {
            Long d = ctx.numbers(st).readDecimal(st.word(1), Numbers.TIMER_HZ / 1000, Numbers.UINT_MAX, Numbers.TIMER_DIGITS, true);
            if (d == null) {
                ctx.error(st, "vrrp_startup_delay '" + st.word(1) + "' is invalid");
            } else {
                g.startupDelay = d;
            }
            if (g.startupDelay >= 60 * Numbers.TIMER_HZ) {
                ctx.note(st, "The vrrp_startup_delay is very large - " + st.word(1) + " seconds");
            }
        });
        kw(defs, "log_unknown_vrids", st -> g.logUnknownVrids = true);
        kw(defs, "vmac_prefix", st -> {
            if (g.vmacPrefix != null) {
                ctx.error(st, "vmac prefix has already been specified - ignoring " + st.word(1));
                return;
            }
            g.vmacPrefix = st.word(1);
        });
        kw(defs, "vmac_addr_prefix", st -> {
            if (g.vmacAddrPrefix != null) {
                ctx.error(st, "vmac_addr prefix has already been specified - ignoring " + st.word(1));
                return;
            }
            g.vmacAddrPrefix = st.word(1);
        });
    }

    private Long repeats(Statement st, String name) {
        Long r = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
        if (r == null) {
            ctx.error(st, name + " '" + st.word(1) + "' invalid - ignoring");
            return null;
        }
        if (r == 0) {
            ctx.error(st, name + " must be greater than 0, setting to 1");
            r = 1L;
        }
        return r;
    }

    private void mcastGroup(Statement st, boolean ipv6) {
        String name = ipv6 ? "vrrp_mcast_group6" : "vrrp_mcast_group4";
        String text = st.word(1);
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(text));
        if (a == null) {
            ctx.error(st, "Can't parse " + name + " [" + text + "]. Skipping");
            return;
        }
        if (Addresses.isIpv6(a) != ipv6) {
            ctx.error(st, name + " [" + text + "] is not IPv" + (ipv6 ? "6" : "4") + ". Skipping");
            return;
        }
        if (!a.isMulticastAddress()) {
            ctx.error(st, name + " [" + text + "] is not multicast. Skipping");
            return;
        }
        if (ipv6) {
            if (!a.isMCLinkLocal()) {
                ctx.report(st, Severity.WARNING, name + " [" + text + "] should be link-local multicast.");
            }
            g.mcastGroup6 = a;
        } else {
            g.mcastGroup4 = a;
        }
    }

    private void garpExtraIf(Statement st) {
        String name = st.word(0);
        if (name.equals("vrrp_vmac_garp_intvl")) {
            ctx.report(st, Severity.DEPRECATED, "Keyword \"vrrp_vmac_garp_intvl\" is deprecated - please use \"vrrp_garp_extra_if\"");
        }
        long delay = 0;
        boolean all = false;
        for (int i = 1; i < st.size(); i++) {
            if (st.word(i).equals("all")) {
                g.garpExtraIfAll = true;
                all = true;
            } else {
                Long d = ctx.numbers(st).readUnsigned(st.word(i), 1, 86400, true);
                if (d == null) {
                    ctx.error(st, name + " '" + st.word(i) + "' invalid - ignoring");
                    return;
                }
                delay = d;
            }
        }
        if (delay == 0) {
            ctx.error(st, name + " specified without time - ignoring");
            return;
        }
        g.garpExtraIf = delay;
    }

    private void rxBufsPolicy(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "vrrp_rx_bufs_policy missing");
            return;
        }
        boolean mtu = "MTU".equals(g.rxBufsPolicy);
        boolean advert = "ADVERT".equals(g.rxBufsPolicy);
        boolean size = g.rxBufsSize != null;
        for (int i = 1; i < st.size(); i++) {
            String w = st.word(i);
            if (w.equalsIgnoreCase("MTU")) {
                mtu = true;
            } else if (w.equalsIgnoreCase("ADVERT")) {
                advert = true;
            } else {
                Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
                if (v == null) {
                    ctx.error(st, "Invalid vrrp_rx_bufs_policy " + w);
                } else {
                    g.rxBufsSize = v;
                    size = true;
                }
            }
        }
        if (size && (mtu || advert)) {
            ctx.error(st, "Cannot set vrrp_rx_bufs_policy size and policy, ignoring policy");
            mtu = false;
            advert = false;
        } else if (mtu && advert) {
            ctx.error(st, "Cannot set both vrrp_rx_bufs_policy MTU and ADVERT, ignoring ADVERT");
            advert = false;
        }
        g.rxBufsPolicy = mtu ? "MTU" : advert ? "ADVERT" : null;
    }
}
