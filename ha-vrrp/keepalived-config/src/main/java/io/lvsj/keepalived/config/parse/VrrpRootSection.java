package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Route;
import io.lvsj.keepalived.config.Rule;
import io.lvsj.keepalived.config.Script;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.TrackProcess;
import io.lvsj.keepalived.config.host.NetInterface;

import java.util.List;
import java.util.Optional;

/**
 * The VRRP root keywords other than {@code vrrp_instance}: static addresses, routes and rules,
 * track groups, sync groups, GARP groups, link beat and debounce settings, scripts and tracked
 * processes ({@code init_vrrp_keywords} in keepalived's {@code vrrp_parser.c}).
 */
final class VrrpRootSection {
    private final ParseContext ctx;
    private final VrrpData data;
    private final AddressParser addresses;
    private final RouteParser routes;
    private final RuleParser rules;
    private final Trackers trackers;

    VrrpRootSection(ParseContext ctx, AddressParser addresses, RouteParser routes, RuleParser rules, Trackers trackers) {
        this.ctx = ctx;
        this.data = ctx.vrrp;
        this.addresses = addresses;
        this.routes = routes;
        this.rules = rules;
        this.trackers = trackers;
    }

    void install(Grammar grammar, boolean active) {
        Keyword trackGroup = grammar.root("track_group", this::trackGroup, active);
        trackGroup.add("group", st -> {
            VrrpData.TrackGroupDraft tg = data.trackGroups.getLast();
            if (tg.instances != null) {
                ctx.error(st, "Group list already specified for sync group " + tg.name);
                ctx.parser.skipBlock(true);
                return;
            }
            tg.instances = ctx.parser.valueWords(st);
            if (tg.instances.isEmpty()) {
                ctx.errorAtBlockEnd("Warning - track group " + tg.name + " has empty group block");
            }
        });
        grammar.root("static_ipaddress", st -> {
            for (Statement line : ctx.parser.valueBlock(st)) {
                IpAddress a = addresses.parse(line, true);
                if (a != null) {
                    data.staticAddresses.add(a);
                }
            }
        }, active);
        grammar.root("static_routes", st -> {
            for (Statement line : ctx.parser.valueBlock(st)) {
                Route r = routes.parse(line, true);
                if (r != null) {
                    data.staticRoutes.add(r);
                }
            }
        }, active);
        grammar.root("static_rules", st -> {
            for (Statement line : ctx.parser.valueBlock(st)) {
                Rule r = rules.parse(line, true);
                if (r != null) {
                    data.staticRules.add(r);
                }
            }
        }, active);
        installSyncGroup(grammar, active);
        installGarpGroup(grammar, active);
        grammar.root("linkbeat_interfaces", st -> {
            for (Statement line : ctx.parser.valueBlock(st)) {
                linkbeatInterface(line);
            }
        }, active);
        installScript(grammar, active);
        installTrackProcess(grammar, active);
        grammar.root("interface_up_down_delays", st -> {
            for (Statement line : ctx.parser.valueBlock(st)) {
                upDownDelay(line);
            }
        }, active);
    }

    private void trackGroup(Statement st) {
        if (st.size() != 2) {
            ctx.error(st, "track_group must have a name - skipping");
            ctx.parser.skipBlock(true);
            return;
        }
        if (data.findTrackGroup(st.word(1)) != null) {
            ctx.error(st, "track_group " + st.word(1) + " already defined");
            ctx.parser.skipBlock(true);
            return;
        }
        data.trackGroups.add(new VrrpData.TrackGroupDraft(st.location(), st.word(1)));
    }

    private void installSyncGroup(Grammar grammar, boolean active) {
        Keyword k = grammar.root("vrrp_sync_group", st -> {
            if (st.size() != 2) {
                ctx.error(st, "vrrp_sync_group must have a name - skipping");
                ctx.parser.skipBlock(true);
                return;
            }
            if (data.syncGroups.stream().anyMatch(g -> g.name.equals(st.word(1)))) {
                ctx.error(st, "vrrp sync group " + st.word(1) + " already defined");
                ctx.parser.skipBlock(true);
                return;
            }
            data.syncGroups.add(new VrrpData.SyncGroupDraft(st.location(), st.word(1)));
        }, active);
        k.add("group", st -> {
            VrrpData.SyncGroupDraft g = data.syncGroups.getLast();
            if (g.members != null) {
                ctx.error(st, "Group list already specified for sync group " + g.name);
                ctx.parser.skipBlock(true);
                return;
            }
            g.members = ctx.parser.valueWords(st);
            if (g.members.isEmpty()) {
                g.members = null;
                ctx.errorAtBlockEnd("Warning - sync group " + g.name + " has empty group block");
            }
        });
        k.add("track_interface", st -> block(st, line -> trackers.trackInterface(last().name, last().trackInterfaces, line)));
        k.add("track_script", st -> block(st, line -> trackers.trackScript(last().name, last().trackScripts, line)));
        k.add("track_file", st -> block(st, line -> trackers.trackFile(last().name, last().trackFiles, line)));
        k.add("track_process", st -> block(st, line -> trackers.trackProcess(last().name, last().trackProcesses, line)));
        k.add("track_bfd", st -> block(st, line -> trackers.trackBfd(last().name, last().trackBfds, line)));
        k.add("notify_backup", st -> notify(st, "notify_backup", () -> last().notify.backup, s -> last().notify.backup = s));
        k.add("notify_master", st -> notify(st, "notify_master", () -> last().notify.master, s -> last().notify.master = s));
        k.add("notify_fault", st -> notify(st, "notify_fault", () -> last().notify.fault, s -> last().notify.fault = s));
        k.add("notify_stop", st -> notify(st, "notify_stop", () -> last().notify.stop, s -> last().notify.stop = s));
        k.add("notify", st -> notify(st, "notify", () -> last().notify.any, s -> last().notify.any = s));
        k.add("smtp_alert", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "Invalid vrrp_group smtp_alert parameter " + st.word(1));
                return;
            }
            last().smtpAlert = res == 1;
        });
        k.add("global_tracking", st -> {
            ctx.error(st, "(" + last().name + ") global_tracking is deprecated. Use track_interface/script/file on the sync group");
            last().trackingWeight = true;
        });
        k.add("sync_group_tracking_weight", st -> last().trackingWeight = true);
        k.add("notify_priority_changes", st -> {
            int res = st.size() >= 2 ? Numbers.trueFalse(st.word(1)) : 1;
            if (res < 0) {
                ctx.error(st, "(" + last().name + ") Invalid value '" + st.word(1) + "' for sync group notify_priority_changes specified");
                return;
            }
            last().notifyPriorityChanges = res == 1;
        });
    }

    private VrrpData.SyncGroupDraft last() {
        return data.syncGroups.getLast();
    }

    private void block(Statement st, java.util.function.Consumer<Statement> each) {
        for (Statement line : ctx.parser.valueBlock(st)) {
            each.accept(line);
        }
    }

    private void notify(Statement st, String keyword, java.util.function.Supplier<Script> current,
                        java.util.function.Consumer<Script> set) {
        if (current.get() != null) {
            ctx.error(st, "vrrp group " + last().name + ": " + keyword + " script already specified - ignoring " + st.word(1));
            return;
        }
        set.accept(ctx.scripts.notifyScript(st, "notify"));
    }

    private void installGarpGroup(Grammar grammar, boolean active) {
        Keyword k = grammar.root("garp_group", st -> data.garpGroups.add(new VrrpData.GarpGroupDraft(st.location())), active);
        k.add("garp_interval", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), 0, Integer.MAX_VALUE, Numbers.TIMER_DIGITS, true);
            if (v == null) {
                ctx.error(st, "garp_group garp_interval '" + st.word(1) + "' invalid");
                return;
            }
            data.garpGroups.getLast().garpInterval = v;
            if (v >= Numbers.TIMER_HZ) {
                ctx.note(st, "The garp_interval is very large - " + st.word(1) + " seconds");
            }
        });
        k.add("gna_interval", st -> {
            Long v = ctx.numbers(st).readDecimal(st.word(1), 0, Integer.MAX_VALUE, Numbers.TIMER_DIGITS, true);
            if (v == null) {
                ctx.error(st, "garp_group gna_interval '" + st.word(1) + "' invalid");
                return;
            }
            data.garpGroups.getLast().gnaInterval = v;
            if (v >= Numbers.TIMER_HZ) {
                ctx.note(st, "The gna_interval is very large - " + st.word(1) + " seconds");
            }
        });
        k.add("interface", st -> {
            String name = st.word(1);
            if (ctx.interfaceDynamic(name).isEmpty()) {
                ctx.error(st, "WARNING - interface " + name + " specified for garp_group doesn't exist");
                return;
            }
            if (garpGroupOf(name)) {
                ctx.error(st, "garp_group already specified for " + name + " - ignoring");
                return;
            }
            data.garpGroups.getLast().interfaces.add(name);
        });
        k.add("interfaces", st -> {
            List<String> names = ctx.parser.valueWords(st);
            if (names.isEmpty()) {
                ctx.error(st, "Warning - empty garp_group interfaces block");
                return;
            }
            data.garpGroups.getLast().aggregate = true;
            for (String name : names) {
                Optional<NetInterface> ifp = ctx.interfaceDynamic(name);
                if (ifp.isEmpty()) {
                    ctx.error(st, "WARNING - interface " + name + " specified for garp_group doesn't exist");
                    continue;
                }
                if (garpGroupOf(name)) {
                    ctx.error(st, "garp_group already specified for " + (names.size() > 1 ? names.get(1) : name) + " - ignoring");
                    continue;
                }
                data.garpGroups.getLast().interfaces.add(name);
            }
        });
        k.onClose(() -> {
            VrrpData.GarpGroupDraft g = data.garpGroups.getLast();
            if (g.garpInterval == null && g.gnaInterval == null) {
                long aggregation = g.aggregate ? data.garpGroups.stream().filter(x -> x.aggregate).count() : 0;
                ctx.report(g.location, Severity.GENERAL, "garp group " + aggregation + " does not have any delay set - removing");
                data.garpGroups.removeLast();
            }
        });
    }

    private boolean garpGroupOf(String name) {
        return data.garpGroups.stream().anyMatch(g -> g.interfaces.contains(name));
    }

    private void linkbeatInterface(Statement st) {
        String name = st.word(0);
        Optional<NetInterface> ifp = ctx.global.dynamicInterfaces ? ctx.interfaceDynamic(name) : ctx.host.networkInterface(name);
        if (ifp.isEmpty()) {
            ctx.report(st, Severity.FATAL, "unknown interface " + name + " specified for linkbeat interface");
            return;
        }
        String type = null;
        if (st.size() > 1) {
            type = switch (st.word(1)) {
                case "MII", "ETHTOOL", "IOCTL" -> st.word(1);
                default -> null;
            };
            if (type == null || st.size() > 2) {
                ctx.error(st, "extra characters " + st.word(1) + " in linkbeat interface");
            }
        }
        VrrpData.InterfaceDraft d = data.iface(st.location(), name);
        d.linkbeat = true;
        d.linkbeatType = type;
    }

    private void upDownDelay(Statement st) {
        String name = st.word(0);
        Optional<NetInterface> ifp = ctx.global.dynamicInterfaces ? ctx.interfaceDynamic(name) : ctx.host.networkInterface(name);
        if (ifp.isEmpty()) {
            ctx.report(st, Severity.FATAL, "unknown interface " + name + " specified for up/down delay");
            return;
        }
        if (st.size() < 2) {
            ctx.note(st, "No timeouts specified for " + name + " up/down delays");
            return;
        }
        if (st.size() > 3) {
            ctx.note(st, "Too many parameters for " + name + " up/down delays");
        }
        Long down = ctx.numbers(st).readTimer(st.word(1), 0, 255 * Numbers.TIMER_HZ, true);
        if (down == null) {
            ctx.note(st, "Invalid down delay " + st.word(1) + " for " + name);
            return;
        }
        long up = 0;
        if (st.size() > 2) {
            Long u = ctx.numbers(st).readTimer(st.word(2), 0, 255 * Numbers.TIMER_HZ, true);
            if (u == null) {
                ctx.note(st, "Invalid up delay " + st.word(2) + " for " + name);
                return;
            }
            up = u;
        }
        VrrpData.InterfaceDraft d = data.iface(st.location(), name);
        d.downDelay = down;
        d.upDelay = up;
        d.haveDelays = true;
    }

    private void installScript(Grammar grammar, boolean active) {
        Keyword k = grammar.root("vrrp_script", st -> data.scripts.add(new VrrpData.ScriptDraft(st.location(), st.word(1))), active);
        k.add("script", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            List<String> command = ctx.scripts.command(st);
            if (command != null) {
                s.command = command;
            }
        });
        k.add("interval", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (v == null) {
                ctx.error(st, "(" + s.name + "): vrrp script interval '" + st.word(1) + "' must be between 1 and "
                        + Numbers.UINT_MAX / Numbers.TIMER_HZ + " - ignoring");
                return;
            }
            if (v == 0) {
                ctx.error(st, "(" + s.name + "): vrrp script interval must be greater than 0, setting to 1");
                v = 1L;
            }
            s.interval = v * Numbers.TIMER_HZ;
        });
        k.add("timeout", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX / Numbers.TIMER_HZ, true);
            if (v == null) {
                ctx.error(st, "(" + s.name + "): vrrp script timeout '" + st.word(1) + "' invalid - ignoring");
                return;
            }
            if (v == 0) {
                ctx.error(st, "(" + s.name + "): vrrp script timeout must be greater than 0, setting to 1");
                v = 1L;
            }
            s.timeout = v * Numbers.TIMER_HZ;
        });
        k.add("weight", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            Long w = ctx.numbers(st).readInt(st.word(1), -253, 253, true);
            if (w == null) {
                ctx.error(st, "vrrp_script " + s.name + " weight " + st.word(1) + " must be in [-253, 253]");
                w = 0L;
            }
            s.weight = w.intValue();
            if (st.size() >= 3) {
                if (st.word(2).equals("reverse")) {
                    s.reverse = true;
                } else {
                    ctx.error(st, "vrrp_script " + s.name + " unknown weight option " + st.word(2));
                }
            }
        });
        k.add("rise", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.INT_MAX, true);
            if (v == null) {
                ctx.error(st, "(" + s.name + "): vrrp script rise value '" + st.word(1) + "' invalid, defaulting to 1");
                v = 1L;
            }
            s.rise = v;
        });
        k.add("fall", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, Numbers.INT_MAX, true);
            if (v == null) {
                ctx.error(st, "(" + s.name + "): vrrp script fall value '" + st.word(1) + "' invalid, defaulting to 1");
                v = 1L;
            }
            s.fall = v;
        });
        k.add("user", st -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            if (!ctx.scripts.userExists(st, st.word(1), st.optional(2))) {
                ctx.error(st, "Unable to set uid/gid for script " + (s.command == null ? "" : ScriptFactory.text(s.command)));
                s.insecure = true;
            } else {
                s.insecure = false;
                s.userSet = true;
                s.user = st.word(1);
                s.group = st.optional(2);
            }
        });
        k.add("init_fail", st -> data.scripts.getLast().initFail = true);
        k.onClose(() -> {
            VrrpData.ScriptDraft s = data.scripts.getLast();
            boolean remove = s.insecure;
            if (s.command == null || s.command.isEmpty()) {
                ctx.report(s.location, Severity.GENERAL, "No script set for vrrp_script " + s.name + " - removing");
                remove = true;
            } else if (!remove && !s.userSet) {
                if (!ctx.scripts.defaultUserUsable(null)) {
                    ctx.report(s.location, Severity.GENERAL, "Unable to set default user for vrrp script " + s.name + " - removing");
                    remove = true;
                }
            }
            if (remove) {
                data.scripts.removeLast();
            }
        });
    }

    private void installTrackProcess(Grammar grammar, boolean active) {
        Keyword k = grammar.root("vrrp_track_process", st -> data.trackProcesses.add(new VrrpData.TrackProcessDraft(st.location(), st.word(1))), active);
        k.add("process", st -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            if (p.process != null) {
                ctx.error(st, "Process already set for track process " + p.name + " - ignoring " + st.word(1));
                return;
            }
            p.process = st.word(1);
            if (st.size() > 2) {
                p.parameters.addAll(st.words().subList(2, st.size()));
                if (p.paramMatch == TrackProcess.ParamMatch.NONE) {
                    p.paramMatch = TrackProcess.ParamMatch.EXACT;
                }
                p.fullCommand = true;
            }
        });
        k.add("param_match", st -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            if (st.size() == 1) {
                p.paramMatch = TrackProcess.ParamMatch.EXACT;
                p.fullCommand = true;
            } else if (st.word(1).equals("initial")) {
                p.paramMatch = TrackProcess.ParamMatch.INITIAL;
                p.fullCommand = true;
            } else if (st.word(1).equals("partial")) {
                p.paramMatch = TrackProcess.ParamMatch.PARTIAL;
                p.fullCommand = true;
            } else {
                ctx.error(st, "Invalid param_match type " + st.word(1) + " - ignoring");
            }
        });
        k.add("weight", st -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            if (st.size() < 2) {
                ctx.error(st, "No weight specified for track process " + p.name + " - ignoring");
                return;
            }
            if (p.weight != 0) {
                ctx.error(st, "Weight already set for track process " + p.name + " - ignoring " + st.word(1));
                return;
            }
            Long w = ctx.numbers(st).readInt(st.word(1), -254, 254, true);
            if (w == null) {
                ctx.error(st, "Weight (" + st.word(1) + ") for vrrp_track_process " + p.name + " must be between [-254..254] inclusive. Ignoring...");
                return;
            }
            if (st.size() >= 3) {
                if (st.word(2).equals("reverse")) {
                    p.reverse = true;
                } else {
                    ctx.error(st, "vrrp_track_process " + p.name + " unknown weight option " + st.word(2));
                }
            }
            p.weight = w.intValue();
        });
        k.add("quorum", st -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            Long q = ctx.numbers(st).readUnsigned(st.word(1), 1, 65535, true);
            if (q == null) {
                ctx.error(st, "Quorum (" + st.word(1) + ") for vrrp_track_process " + p.name + " must be between [1..65535] inclusive. Ignoring...");
                return;
            }
            if (q > p.quorumMax) {
                ctx.error(st, "Quorum is greater than quorum_max - ignoring");
                return;
            }
            p.quorum = q;
        });
        k.add("quorum_max", st -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            Long q = ctx.numbers(st).readUnsigned(st.word(1), 0, 65535, true);
            if (q == null) {
                ctx.error(st, "quorum_max (" + st.word(1) + ") for vrrp_track_process " + p.name + " must be between [0..65535] inclusive. Ignoring...");
                return;
            }
            if ((q != 0 || p.quorum > 1) && q < p.quorum) {
                ctx.error(st, "quorum_max is less than quorum - ignoring");
                return;
            }
            p.quorumMax = q;
            if (q == 0) {
                p.quorum = 0;
            } else if (p.quorum == 0) {
                p.quorum = 1;
            }
        });
        k.add("delay", st -> processDelay(st, "", true, true));
        k.add("terminate_delay", st -> processDelay(st, "terminate_", true, false));
        k.add("fork_delay", st -> processDelay(st, "fork_", false, true));
        k.add("full_command", st -> data.trackProcesses.getLast().fullCommand = true);
        k.onClose(() -> {
            VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
            if (p.process == null) {
                ctx.report(p.location, Severity.GENERAL, "track process '" + p.name + "' process name not specified");
                data.trackProcesses.removeLast();
            }
        });
    }

    private void processDelay(Statement st, String prefix, boolean terminate, boolean fork) {
        VrrpData.TrackProcessDraft p = data.trackProcesses.getLast();
        Long d = ctx.numbers(st).readDecimal(st.word(1), 1, 3600L * Numbers.TIMER_HZ, Numbers.TIMER_DIGITS, true);
        if (d == null) {
            ctx.error(st, prefix + "delay (" + st.word(1) + ") for vrrp_track_process " + p.name
                    + " must be between [0.000001..3600] inclusive. Ignoring...");
            return;
        }
        if (terminate) {
            p.terminateDelay = d;
        }
        if (fork) {
            p.forkDelay = d;
        }
    }
}
