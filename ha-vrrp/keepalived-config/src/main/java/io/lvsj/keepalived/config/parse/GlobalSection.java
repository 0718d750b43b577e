package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Script;

/**
 * {@code global_defs} and the process-wide root keywords ({@code init_global_keywords} in
 * keepalived's {@code global_parser.c}), with keepalived's checks and messages: identity,
 * notification, scripts and files here; VRRP defaults, IPVS settings and process tuning in
 * {@link GlobalVrrpKeywords}, {@link GlobalLvsKeywords} and {@link GlobalProcessKeywords}.
 */
final class GlobalSection extends GlobalKeywords {
    private static final int TASK_COMM_LEN = 16;

    private final IncludeCheckHook includeCheck;

    /** The reader's {@code include_check}, which only the first pass sees. */
    interface IncludeCheckHook {
        void apply(Statement st);
    }

    GlobalSection(ParseContext ctx, IncludeCheckHook includeCheck) {
        super(ctx);
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
                ctx.errorAtBlockEnd("Warning - empty notification_email block");
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
        bool(defs, "rs_init_notifies", "Invalid value '%s' for global rs_init_notifies specified", v -> g.rsInitNotifies = v);
        bool(defs, "no_checker_emails", "Invalid value '%s' for global no_checker_emails specified", v -> g.noCheckerEmails = v);
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
        new GlobalVrrpKeywords(ctx).install(defs);
        new GlobalLvsKeywords(ctx).install(defs);
        new GlobalProcessKeywords(ctx).install(defs);
        new GlobalExtensionKeywords(ctx).install(defs);
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
        // keepalived resolves a name with getaddrinfo while reading the configuration
        if (p == null || (!literal && !ctx.host.resolves(host))) {
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

    private void umask(Statement st) {
        String mask = st.word(1);
        int bits = 0;
        if (!mask.isEmpty() && Character.isDigit(mask.charAt(0))) {
            if (st.size() != 2) {
                ctx.error(st, (st.size() == 1 ? "Missing" : "Extra") + " parameter(s) to umask option");
                return;
            }
            io.lvsj.text.CNumber n = new io.lvsj.text.CNumber(mask);
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
