package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Severity;

import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * {@code global_defs} and the process-wide root keywords ({@code init_global_keywords} in
 * keepalived's {@code global_parser.c}), with keepalived's checks and messages.
 */
final class GlobalSection {
    private static final int TASK_COMM_LEN = 16;
    private static final int SCHED_RR_MAX = 99;
    private static final int SCHED_RR_MIN = 1;
    private static final long LVS_MAX_TIMEOUT = 86400L * 31;

    private final ParseContext ctx;
    private final GlobalDraft g;
    private final IncludeCheckHook includeCheck;

    /** The reader's {@code include_check}, which only the first pass sees. */
    interface IncludeCheckHook {
        void apply(Statement st);
    }

    GlobalSection(ParseContext ctx, IncludeCheckHook includeCheck) {
        this.ctx = ctx;
        this.g = ctx.global;
        this.includeCheck = includeCheck;
    }

    void install(Grammar grammar, boolean active) {
        grammar.root("linkbeat_use_polling", st -> g.linkbeatUsePolling = true, active);
        grammar.root("net_namespace", this::netNamespace, active);
        grammar.root("net_namespace_ipvs", this::netNamespaceIpvs, active);
        grammar.root("namespace_with_ipsets", st -> g.namespaceWithIpsets = true, active);
        grammar.root("use_pid_dir", st -> g.usePidDir = true, active);
        grammar.root("instance", this::instance, active);
        grammar.root("child_wait_time", this::childWaitTime, active);
        Keyword defs = grammar.root("global_defs", null, active).emptyBlock();

        kw(defs, "process_names", st -> {
            g.vrrpProcessName = "keepalived_vrrp";
            g.checkerProcessName = "keepalived_lvs";
            g.bfdProcessName = "keepalived_bfd";
        });
        kw(defs, "process_name", st -> g.processName = processName(st, st.word(1)));
        kw(defs, "vrrp_process_name", st -> g.vrrpProcessName = processName(st, st.word(1)));
        kw(defs, "checker_process_name", st -> g.checkerProcessName = processName(st, st.word(1)));
        kw(defs, "lvs_process_name", st -> {
            ctx.note(st, "'lvs_process_name' is deprecated - please use 'checker_process_name'");
            g.checkerProcessName = processName(st, st.word(1));
        });
        kw(defs, "bfd_process_name", st -> g.bfdProcessName = processName(st, st.word(1)));
        kw(defs, "router_id", st -> {
            if (st.size() < 2) {
                ctx.error(st, "routerid name missing - ignoring");
            } else {
                g.routerId = st.word(1);
            }
        });
        kw(defs, "notification_email_from", st -> {
            if (st.size() < 2) {
                ctx.error(st, "emailfrom missing - ignoring");
            } else {
                g.emailFrom = st.word(1);
            }
        });
        kw(defs, "smtp_server", this::smtpServer);
        kw(defs, "smtp_helo_name", st -> {
            if (st.size() >= 2) {
                g.smtpHelo = st.word(1);
            }
        });
        kw(defs, "smtp_connect_timeout", st -> {
            Long t = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (t == null) {
                ctx.error(st, "smtp_connect_timeout '" + st.word(1) + "' must be in [0, " + Numbers.UINT_MAX / Numbers.TIMER_HZ + "] - ignoring");
                return;
            }
            if (t == 0) {
                ctx.error(st, "smtp_conect_timeout must be greater than 0, setting to 1");
                t = 1L;
            }
            g.smtpConnectTimeout = t * Numbers.TIMER_HZ;
        });
        kw(defs, "notification_email", st -> {
            var emails = ctx.parser.valueWords(st);
            if (emails.isEmpty()) {
                ctx.error(st, "Warning - empty notification_email block");
            }
            g.emails.addAll(emails);
        });
        bool(defs, "smtp_alert", "Invalid value '%s' for global smtp_alert specified", v -> g.smtpAlert = v);
        kw(defs, "startup_script", st -> startStopScript(st, true));
        kw(defs, "startup_script_timeout", st -> startStopTimeout(st, true));
        kw(defs, "shutdown_script", st -> startStopScript(st, false));
        kw(defs, "shutdown_script_timeout", st -> startStopTimeout(st, false));
        kw(defs, "max_auto_priority", st -> {
            if (st.size() < 2) {
                g.maxAutoPriority = SCHED_RR_MAX;
                return;
            }
            Long p = ctx.numbers(st).readInt(st.word(1), -1, SCHED_RR_MAX, true);
            if (p == null) {
                ctx.error(st, "max_auto_priority '" + st.word(1) + "' must be in [0, " + SCHED_RR_MAX + "] (or -1 to disable) - ignoring");
                return;
            }
            g.maxAutoPriority = p.intValue();
        });
        kw(defs, "min_auto_priority_delay", st -> {
            if (st.size() < 2) {
                ctx.error(st, "min_auto_priority_delay requires delay time");
                return;
            }
            Long d = ctx.numbers(st).readInt(st.word(1), 1, 10_000_000, true);
            if (d == null) {
                ctx.error(st, "min_auto_priority_delay '" + st.word(1) + "' must be in [1, 10000000] - ignoring");
                return;
            }
            g.minAutoPriorityDelay = d;
        });
        bool(defs, "smtp_alert_vrrp", "Invalid value '%s' for global smtp_alert_vrrp specified", v -> g.smtpAlertVrrp = v);
        bool(defs, "smtp_alert_checker", "Invalid value '%s' for global smtp_alert_checker specified", v -> g.smtpAlertChecker = v);
        kw(defs, "checker_log_all_failures", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "Invalid value for checker_log_all_failures specified");
                return;
            }
            g.checkerLogAllFailures = res == 1;
        });
        kw(defs, "dynamic_interfaces", st -> {
            g.dynamicInterfaces = true;
            if (st.size() >= 2) {
                if (st.word(1).equals("allow_if_changes")) {
                    g.allowIfChanges = true;
                } else {
                    ctx.error(st, "Unknown dynamic_interfaces option '" + st.word(1) + "'");
                }
            }
        });
        kw(defs, "no_email_faults", st -> g.noEmailFaults = true);
        kw(defs, "default_interface", st -> {
            if (st.size() < 2) {
                ctx.error(st, "default_interface requires interface name");
                return;
            }
            g.defaultInterface = st.word(1);
        });
        kw(defs, "disable_local_igmp", st -> {
            if (!ctx.host.hasIgmpLinkLocalReports()) {
                ctx.error(st, "kernel does not support /proc/sys/net/ipv4/igmp_link_local_mcast_reports");
                return;
            }
            g.disableLocalIgmp = true;
        });
        kw(defs, "lvs_timeouts", this::lvsTimeouts);
        kw(defs, "lvs_flush", st -> g.lvsFlush = true);
        kw(defs, "lvs_flush_on_stop", this::lvsFlushOnStop);
        kw(defs, "lvs_flush_onstop", this::lvsFlushOnStop);
        kw(defs, "lvs_sync_daemon", this::lvsSyncDaemon);
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
        tuning(defs, "vrrp", g.vrrpTuning);
        fifo(defs, "notify_fifo", "", g.notifyFifo);
        fifoScript(defs, "notify_fifo_script", "", g.notifyFifo);
        fifo(defs, "vrrp_notify_fifo", "vrrp_", g.vrrpNotifyFifo);
        fifoScript(defs, "vrrp_notify_fifo_script", "vrrp_", g.vrrpNotifyFifo);
        bool(defs, "vrrp_notify_priority_changes", "Invalid value '%s' for global vrrp_notify_priority_changes specified",
                v -> g.notifyPriorityChanges = v);
        kw(defs, "fifo_write_vrrp_states_on_reload", st -> g.fifoWriteStatesOnReload = true);
        fifo(defs, "lvs_notify_fifo", "lvs_", g.lvsNotifyFifo);
        fifoScript(defs, "lvs_notify_fifo_script", "lvs_", g.lvsNotifyFifo);
        tuning(defs, "checker", g.checkerTuning);
        tuning(defs, "bfd", g.bfdTuning);
        kw(defs, "snmp_socket", st -> {
            if (st.size() > 2) {
                ctx.error(st, "Too many parameters specified for snmp_socket - ignoring");
            } else if (st.size() < 2) {
                ctx.error(st, "SNMP error : snmp socket name missing");
            } else if (st.word(1).length() > 4095) {
                ctx.error(st, "SNMP error : snmp socket name too long - ignored");
            } else if (g.snmpSocket != null) {
                ctx.error(st, "SNMP socket already set to " + g.snmpSocket + " - ignoring");
            } else {
                g.snmpSocket = st.word(1);
            }
        });
        kw(defs, "enable_traps", st -> g.snmpTraps = true);
        kw(defs, "enable_snmp_vrrp", st -> g.snmpVrrp = true);
        kw(defs, "enable_snmp_keepalived", st -> g.snmpVrrp = true);
        kw(defs, "enable_snmp_rfc", st -> {
            g.snmpRfcV2 = true;
            g.snmpRfcV3 = true;
        });
        kw(defs, "enable_snmp_rfcv2", st -> g.snmpRfcV2 = true);
        kw(defs, "enable_snmp_rfcv3", st -> g.snmpRfcV3 = true);
        kw(defs, "enable_snmp_checker", st -> g.snmpChecker = true);
        kw(defs, "enable_dbus", st -> g.dbus = true);
        kw(defs, "dbus_service_name", st -> {
            if (st.size() < 2) {
                ctx.error(st, "dbus_service_name missing - ignoring");
                return;
            }
            g.dbusServiceName = st.word(1);
        });
        kw(defs, "script_user", this::scriptUser);
        kw(defs, "enable_script_security", st -> g.scriptSecurity = true);
        buffer(defs, "vrrp_netlink_cmd_rcv_bufs", v -> g.vrrpNetlinkCmd = v);
        force(defs, "vrrp_netlink_cmd_rcv_bufs_force", v -> g.vrrpNetlinkCmdForce = v);
        buffer(defs, "vrrp_netlink_monitor_rcv_bufs", v -> g.vrrpNetlinkMonitor = v);
        force(defs, "vrrp_netlink_monitor_rcv_bufs_force", v -> g.vrrpNetlinkMonitorForce = v);
        buffer(defs, "process_monitor_rcv_bufs", v -> g.processMonitor = v);
        force(defs, "process_monitor_rcv_bufs_force", v -> g.processMonitorForce = v);
        buffer(defs, "lvs_netlink_cmd_rcv_bufs", v -> g.lvsNetlinkCmd = v);
        force(defs, "lvs_netlink_cmd_rcv_bufs_force", v -> g.lvsNetlinkCmdForce = v);
        buffer(defs, "lvs_netlink_monitor_rcv_bufs", v -> g.lvsNetlinkMonitor = v);
        force(defs, "lvs_netlink_monitor_rcv_bufs_force", v -> g.lvsNetlinkMonitorForce = v);
        bool(defs, "rs_init_notifies", "Invalid value '%s' for global rs_init_notifies specified", v -> g.rsInitNotifies = v);
        bool(defs, "no_checker_emails", "Invalid value '%s' for global no_checker_emails specified", v -> g.noCheckerEmails = v);
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
        kw(defs, "umask", this::umask);
        kw(defs, "random_seed", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, "random_seed " + st.word(1) + " invalid");
                return;
            }
            g.randomSeed = v;
        });
        kw(defs, "reload_check_config", st -> g.reloadCheckConfig = st.size() >= 2 ? st.word(1) : "/dev/null");
        kw(defs, "reload_time_file", st -> {
            if (st.size() != 2) {
                ctx.error(st, "reload_time_file invalid");
                return;
            }
            g.reloadTimeFile = st.word(1);
        });
        kw(defs, "reload_repeat", st -> g.reloadRepeat = true);
        kw(defs, "reload_file", st -> g.reloadFile = st.size() >= 2 ? st.word(1) : "/run/keepalived.reload");
        kw(defs, "include_check", st -> {
            g.includeCheck = st.join(1);
            includeCheck.apply(st);
        });
        kw(defs, "config_save_dir", st -> g.configSaveDir = st.word(1));
        kw(defs, "tmp_config_directory", st -> {
            if (g.tmpConfigDirectory != null) {
                ctx.error(st, st.word(0) + " already specified - ignoring");
                return;
            }
            if (st.size() >= 2) {
                g.tmpConfigDirectory = st.word(1);
            } else {
                ctx.error(st, st.word(0) + " missing directory name");
            }
        });
        kw(defs, "data_use_instance", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "Invalid value '" + st.word(1) + "' for global date_use_instance specified");
                return;
            }
            g.dataUseInstance = res == 1;
        });
    }

    private static void kw(Keyword block, String name, Consumer<Statement> handler) {
        block.add(name, handler);
    }

    /** A switch that is on without a value, or takes on/off/true/false/yes/no. */
    private void bool(Keyword block, String name, String invalid, Consumer<Boolean> set) {
        block.add(name, st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, invalid.formatted(st.word(1)));
                return;
            }
            set.accept(res == 1);
        });
    }

    private void netNamespace(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "net_namespace name missing - ignoring");
        } else if (g.netNamespace == null) {
            g.netNamespace = st.word(1);
            g.usePidDir = true;
        } else {
            ctx.error(st, "Duplicate net_namespace definition " + st.word(1) + " - ignoring");
        }
    }

    private void netNamespaceIpvs(Statement st) {
        if (g.netNamespaceIpvs != null) {
            ctx.error(st, "Duplicate net_namespace_ipvs definition " + st.word(1) + " - ignoring");
            return;
        }
        g.netNamespaceIpvs = st.size() < 2 ? "" : st.word(1);
    }

    private void instance(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "instance name missing - ignoring");
        } else if (g.instance == null) {
            g.instance = st.word(1);
            g.usePidDir = true;
        } else {
            ctx.error(st, "Duplicate instance definition " + st.word(1) + " - ignoring");
        }
    }

    private void childWaitTime(Statement st) {
        Long secs = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
        if (secs == null) {
            ctx.error(st, "Invalid child_wait_time " + st.word(1));
            return;
        }
        g.childWaitTime = secs;
    }

    private String processName(Statement st, String name) {
        if (name.length() >= TASK_COMM_LEN) {
            ctx.error(st, "Process name " + name + " more than " + (TASK_COMM_LEN - 1) + " characters, truncating");
            return name.substring(0, TASK_COMM_LEN - 1);
        }
        return name;
    }

    private void smtpServer(Statement st) {
        String host = st.word(1);
        String port = st.size() >= 3 ? st.word(2) : "25";
        Long p = ctx.numbers(st).readUnsigned(port, 1, 65535, true);
        boolean literal = host.indexOf('-') < 0 && host.indexOf('/') < 0 && Addresses.parse(host) != null;
        // keepalived resolves names through DNS; a name is accepted as long as it looks like one
        boolean plausibleName = !literal && !host.isEmpty() && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-');
        if (p == null || (!literal && !plausibleName)) {
            ctx.error(st, "Invalid smtp server " + host + " " + port);
            return;
        }
        g.smtpServer = literal ? Addresses.format(Addresses.parse(host)) : host;
        g.smtpPort = p.intValue();
    }

    private void startStopScript(Statement st, boolean startup) {
        String type = startup ? "startup" : "shutdown";
        if ((startup ? g.startupScript : g.shutdownScript) != null) {
            ctx.error(st, type + " script already specified");
            return;
        }
        if (st.size() < 2) {
            ctx.error(st, type + " script missing");
            return;
        }
        Script script = ctx.scripts.notifyScript(st, type);
        if (script == null) {
            ctx.error(st, "Invalid " + type + " script");
            return;
        }
        if (startup) {
            g.startupScript = script;
            if (g.startupScriptTimeout == 0) {
                g.startupScriptTimeout = 10;
            }
        } else {
            g.shutdownScript = script;
            if (g.shutdownScriptTimeout == 0) {
                g.shutdownScriptTimeout = 10;
            }
        }
    }

    private void startStopTimeout(Statement st, boolean startup) {
        String type = startup ? "startup" : "shutdown";
        if (st.size() < 2) {
            ctx.error(st, type + "_script_timeout requires value");
            return;
        }
        Long d = ctx.numbers(st).readUnsigned(st.word(1), 1, 1000, true);
        if (d == null) {
            ctx.error(st, type + "_script_timeout '" + st.word(1) + "' must be in [1, 1000] - ignoring");
            return;
        }
        if (startup) {
            g.startupScriptTimeout = d;
        } else {
            g.shutdownScriptTimeout = d;
        }
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

    private void lvsTimeouts(Statement st) {
        if (st.size() < 3) {
            ctx.error(st, "lvs_timeouts requires at least one option");
            return;
        }
        for (int i = 1; i < st.size(); i++) {
            String option = st.word(i);
            if (option.equals("tcp") || option.equals("tcpfin") || option.equals("udp")) {
                if (i == st.size() - 1) {
                    ctx.error(st, "No value specified for lvs_timeout " + option + " - ignoring");
                    continue;
                }
                Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 0, LVS_MAX_TIMEOUT, false);
                if (v == null) {
                    ctx.error(st, "Invalid lvs_timeout " + option + " (" + st.word(i + 1) + ") - ignoring");
                } else if (option.equals("tcp")) {
                    g.lvsTcpTimeout = v;
                } else if (option.equals("tcpfin")) {
                    g.lvsTcpFinTimeout = v;
                } else {
                    g.lvsUdpTimeout = v;
                }
                i++;
                continue;
            }
            ctx.error(st, "Unknown option " + option + " specified for lvs_timeouts");
        }
    }

    private void lvsFlushOnStop(Statement st) {
        if (st.size() == 1) {
            g.lvsFlushOnStop = GlobalDefs.FlushOnStop.FULL;
        } else if (st.word(1).equals("VS")) {
            g.lvsFlushOnStop = GlobalDefs.FlushOnStop.VS;
        } else {
            ctx.error(st, "Unknown lvs_flush_on_stop type " + st.word(1));
        }
    }

    private void lvsSyncDaemon(Statement st) {
        if (g.syncdInterface != null) {
            ctx.error(st, "lvs_sync_daemon has already been specified as " + g.syncdInterface + " "
                    + (g.syncdInstance == null ? "" : g.syncdInstance) + " - ignoring");
            return;
        }
        if (st.size() < 2) {
            ctx.error(st, "lvs_sync_daemon requires interface");
            return;
        }
        if (st.word(1).length() >= 16) {
            ctx.error(st, "lvs_sync_daemon interface name '" + st.word(1) + "' too long - ignoring");
            return;
        }
        g.syncdInterface = st.word(1);
        for (int i = 2; i < st.size(); i++) {
            String option = st.word(i);
            switch (option) {
                case "inst" -> {
                    if (g.syncdInstance != null) {
                        ctx.error(st, "lvs_sync_daemon vrrp instance has already been specified as " + g.syncdInstance + " - ignoring");
                    } else {
                        g.syncdInstance = st.word(i + 1);
                    }
                    i++;
                }
                case "id" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon id, defaulting to vrid");
                        continue;
                    }
                    Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 0, 255, false);
                    if (v == null) {
                        ctx.error(st, "Invalid syncid (" + st.word(i + 1) + ") - defaulting to vrid");
                    } else {
                        g.syncdId = v.intValue();
                    }
                    i++;
                }
                case "maxlen", "port", "ttl" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon " + option + " - ignoring");
                        continue;
                    }
                    long max = option.equals("maxlen") ? 65535 - 20 - 8 : option.equals("port") ? 65535 : 255;
                    Long v = ctx.numbers(st).readUnsigned(st.word(i + 1), 1, max, false);
                    if (v == null) {
                        ctx.error(st, "Invalid lvs_sync_daemon " + option + " (" + st.word(i + 1) + ") - ignoring");
                    } else if (option.equals("maxlen")) {
                        g.syncdMaxLen = v.intValue();
                    } else if (option.equals("port")) {
                        g.syncdPort = v.intValue();
                    } else {
                        g.syncdTtl = v.intValue();
                    }
                    i++;
                }
                case "group" -> {
                    if (i == st.size() - 1) {
                        ctx.error(st, "No value specified for lvs_sync_daemon group - ignoring");
                        continue;
                    }
                    InetAddress a = Addresses.parse(st.word(i + 1));
                    if (a == null) {
                        ctx.error(st, "Invalid lvs_sync_daemon group (" + st.word(i + 1) + ") - ignoring");
                    } else if (!a.isMulticastAddress()) {
                        ctx.error(st, "lvs_sync_daemon group address " + st.word(i + 1) + " is not multicast - ignoring");
                    } else {
                        g.syncdGroup = a;
                    }
                    i++;
                }
                default -> {
                    if (i == 2) {
                        g.syncdInstance = option;
                    } else if (i == 3) {
                        Long v = ctx.numbers(st).readUnsigned(option, 0, 255, false);
                        if (v == null) {
                            ctx.error(st, "Invalid syncid (" + option + ") - defaulting to vrid");
                        } else {
                            ctx.error(st, "Please use keyword \"id\" before lvs_sync_daemon SYNCID");
                            g.syncdId = v.intValue();
                        }
                    } else {
                        ctx.error(st, "Unknown option " + option + " specified for lvs_sync_daemon");
                    }
                }
            }
        }
    }

    private void mcastGroup(Statement st, boolean ipv6) {
        String name = ipv6 ? "vrrp_mcast_group6" : "vrrp_mcast_group4";
        String text = st.word(1);
        InetAddress a = Addresses.parse(stripRangeAndMask(text));
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

    /** {@code inet_stosockaddr} ignores anything from a '-' or '/' on. */
    static String stripRangeAndMask(String text) {
        int cut = text.indexOf('-');
        if (cut < 0) {
            cut = text.indexOf('/');
        }
        return cut < 0 ? text : text.substring(0, cut);
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

    private void tuning(Keyword defs, String process, GlobalDraft.Tuning t) {
        kw(defs, process + "_priority", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " process priority specified");
                t.priority = 0;
                return;
            }
            Long p = ctx.numbers(st).readInt(st.word(1), -20, 19, true);
            if (p == null) {
                ctx.error(st, "Invalid " + process + " process priority specified");
                t.priority = 0;
                return;
            }
            t.priority = p.intValue();
        });
        kw(defs, process + "_no_swap", st -> t.noSwap = true);
        kw(defs, process + "_rt_priority", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " process real-time priority specified");
                return;
            }
            Long p = ctx.numbers(st).readInt(st.word(1), Integer.MIN_VALUE, Integer.MAX_VALUE, true);
            if (p == null) {
                ctx.error(st, process + " process real-time priority '" + st.word(1) + "' invalid");
                return;
            }
            long priority = p;
            if (priority < SCHED_RR_MIN) {
                ctx.error(st, process + " process real-time priority " + priority + " less than minimum " + SCHED_RR_MIN + " - setting to minimum");
                priority = SCHED_RR_MIN;
            } else if (priority > SCHED_RR_MAX) {
                ctx.error(st, process + " process real-time priority " + priority + " greater than maximum " + SCHED_RR_MAX + " - setting to maximum");
                priority = SCHED_RR_MAX;
            }
            t.realtimePriority = (int) priority;
        });
        kw(defs, process + "_cpu_affinity", st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + process + " cpu_id set specified");
                return;
            }
            t.cpus.clear();
            for (int i = 1; i < st.size(); i++) {
                Long cpu = ctx.numbers(st).readInt(st.word(i), 0, ctx.host.cpuCount() - 1, true);
                if (cpu == null) {
                    ctx.error(st, "Invalid cpu_id:" + st.word(i) + " specified for " + process + " process");
                    t.cpus.clear();
                    return;
                }
                t.cpus.add(cpu.intValue());
            }
        });
        Consumer<Statement> rlimit = st -> {
            String keyword = st.word(0);
            if (keyword.charAt(keyword.length() - 5) == 'r') {
                ctx.note(st, "Keyword '" + keyword + "' is deprecated - please use '" + keyword.substring(0, keyword.length() - 5) + "rttime'");
            }
            Long limit = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.UINT_MAX, true);
            if (limit == null) {
                ctx.error(st, "Invalid " + process + " real-time limit - " + st.word(1));
                t.rlimit = 0;
                return;
            }
            t.rlimit = limit == 1 ? 2 : limit;
        };
        kw(defs, process + "_rlimit_rttime", rlimit);
        kw(defs, process + "_rlimit_rtime", rlimit);
    }

    private void fifo(Keyword defs, String keyword, String type, GlobalDraft.Fifo fifo) {
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + type + "notify_fifo name specified");
                return;
            }
            if (fifo.name != null) {
                ctx.error(st, type + "notify_fifo already specified - ignoring " + st.word(1));
                return;
            }
            if (st.size() > 2) {
                if (!ctx.scripts.userExists(st, st.word(2), st.optional(3))) {
                    ctx.note(st, "Invalid user/group for " + type + " fifo " + st.word(1) + " - ignoring");
                    return;
                }
                fifo.user = st.word(2);
                fifo.group = st.optional(3);
            } else if (!ctx.scripts.defaultUserUsable(st)) {
                ctx.note(st, "Failed to set default user for " + type + " fifo " + st.word(1) + " - ignoring");
                return;
            }
            fifo.name = st.word(1);
        });
    }

    private void fifoScript(Keyword defs, String keyword, String type, GlobalDraft.Fifo fifo) {
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, "No " + type + "notify_fifo_script specified");
                return;
            }
            if (fifo.script != null) {
                ctx.error(st, type + "notify_fifo_script already specified - ignoring " + st.word(1));
                return;
            }
            fifo.script = ctx.scripts.notifyScript(st, type + "notify_fifo");
        });
    }

    private void scriptUser(Statement st) {
        if (st.size() < 2) {
            ctx.error(st, "No script username specified");
            return;
        }
        g.scriptUser = st.word(1);
        g.scriptGroup = st.optional(2);
        if (!ctx.scripts.setDefaultUser(st, st.word(1), st.optional(2))) {
            ctx.error(st, "Error setting global script uid/gid");
        }
    }

    private void buffer(Keyword defs, String keyword, java.util.function.LongConsumer set) {
        String type = keyword.substring(0, keyword.length() - "_rcv_bufs".length());
        kw(defs, keyword, st -> {
            if (st.size() < 2) {
                ctx.error(st, type + "_rcv_bufs size missing");
                return;
            }
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, false);
            if (v == null) {
                ctx.error(st, type + "_rcv_bufs size (" + st.word(1) + ") invalid");
                return;
            }
            if (v != 0) {
                set.accept(v);
            }
        });
    }

    private void force(Keyword defs, String keyword, Consumer<Boolean> set) {
        bool(defs, keyword, "Invalid value '%s' for global " + keyword + " specified", set);
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

    private void umask(Statement st) {
        String mask = st.word(1);
        int bits = 0;
        if (!mask.isEmpty() && Character.isDigit(mask.charAt(0))) {
            if (st.size() != 2) {
                ctx.error(st, (st.size() == 1 ? "Missing" : "Extra") + " parameter(s) to umask option");
                return;
            }
            io.lvsj.keepalived.config.read.CNumber n = new io.lvsj.keepalived.config.read.CNumber(mask);
            long v = n.strtol();
            if (!n.atEnd() || v < 0 || (v & ~0777) != 0) {
                ctx.error(st, "invalid umask value " + mask);
                return;
            }
            bits = (int) v;
        } else {
            boolean needOr = false;
            String[] names = {"IRUSR", "IWUSR", "IXUSR", "IRGRP", "IWGRP", "IXGRP", "IROTH", "IWOTH", "IXOTH"};
            int[] values = {0400, 0200, 0100, 040, 020, 010, 04, 02, 01};
            for (int i = 1; i < st.size(); i++) {
                String w = st.word(i);
                int p = 0;
                while (p < w.length()) {
                    if (needOr) {
                        if (w.charAt(p) == '|') {
                            needOr = false;
                            p++;
                            continue;
                        }
                        ctx.error(st, "Invalid umask syntax " + w);
                        return;
                    }
                    int found = -1;
                    for (int k = 0; k < names.length; k++) {
                        if (w.startsWith(names[k], p)) {
                            found = k;
                            break;
                        }
                    }
                    if (found < 0) {
                        ctx.error(st, "Unknown umask bit " + w.substring(p));
                        return;
                    }
                    bits |= values[found];
                    p += 5;
                    needOr = true;
                }
            }
            if (!needOr) {
                ctx.error(st, "umask missing bit value");
                return;
            }
        }
        g.umask = bits;
    }
}
