package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;

/**
 * The checks ipvsadm's {@code process_options} makes once a whole line is read, in its order,
 * and the {@link Invocation} that results: which options each command needs or refuses, port 0
 * only for persistent services, one-packet scheduling only for UDP, the defaults ({@code wlc},
 * {@code eth0}), and the rules for real servers and tunnels.
 */
final class CommandRules {
    private static final String[] TUNNEL_NAMES = {"ipip", "gue", "gre"};
    private static final Opt[] TUNNEL_OPTIONS = {Opt.TUN_PORT, Opt.TUN_NOCSUM, Opt.TUN_CSUM, Opt.TUN_REMCSUM};
    /** Per tunnel type, the rule for each of {@link #TUNNEL_OPTIONS} (same key as the command table). */
    private static final String[] TUNNEL_RULES = {"xxxx", "+111", "x11x"};
    private static final Opt[] OPTIONS = Opt.values();

    private CommandRules() {
    }

    static Invocation check(CommandEntry e, String program, boolean readingStdin) {
        checkLegality(e);
        CommandName command = e.command;
        if (command == CommandName.ADD || command == CommandName.EDIT) {
            if (e.fwmark == 0 && e.service.port == 0 && (e.flags & ServiceFlags.PERSISTENT) == 0) {
                throw Exit.fail("Zero port specified for non-persistent service");
            }
            if ((e.flags & ServiceFlags.ONEPACKET) != 0 && e.fwmark == 0
                    && e.service.protocol != CommandEntry.IPPROTO_UDP) {
                throw Exit.fail("One-Packet Scheduling is only for UDP virtual services");
            }
            if (e.scheduler.isEmpty()) {
                e.scheduler = "wlc";
            }
        }
        if (command == CommandName.START_DAEMON && e.multicastInterface.isEmpty()) {
            e.multicastInterface = "eth0";
        }
        if (command == CommandName.ADD_SERVER || command == CommandName.EDIT_SERVER) {
            checkServer(e);
        }
        if (e.forwarding == CommandEntry.FULLNAT || command == CommandName.ADD_LADDR
                || command == CommandName.DEL_LADDR) {
            checkFullNat(e);
        }
        return switch (command) {
            case LIST -> list(e);
            case RESTORE -> {
                if (readingStdin) {
                    throw Exit.tryHelp(program);
                }
                yield new Invocation.Restore();
            }
            case SAVE -> new Invocation.ListAll(e.format.asRules());
            case FLUSH -> new Invocation.Change(new IpvsCommand.Flush(), KernelCall.FLUSH, new FullNatEdit.DropAll());
            case ADD -> new Invocation.Change(new IpvsCommand.AddService(e.serviceConfig()), KernelCall.ADD_SERVICE);
            case EDIT -> new Invocation.Change(new IpvsCommand.EditService(e.serviceConfig()), KernelCall.UPDATE_SERVICE);
            case DELETE -> new Invocation.Change(new IpvsCommand.DeleteService(e.serviceKey()), KernelCall.DEL_SERVICE,
                    e.serviceKey() instanceof ServiceKey.Inet key ? new FullNatEdit.DropService(key) : new FullNatEdit.None());
            case ZERO -> new Invocation.Change(new IpvsCommand.Zero(e.serviceIsBlank() ? null : e.serviceKey()),
                    KernelCall.ZERO_SERVICE);
            case ADD_SERVER -> new Invocation.Change(new IpvsCommand.AddDestination(e.serviceKey(), e.destination()),
                    KernelCall.ADD_DEST, e.serverEdit());
            case EDIT_SERVER -> new Invocation.Change(new IpvsCommand.EditDestination(e.serviceKey(), e.destination()),
                    KernelCall.UPDATE_DEST, e.serverEdit());
            case DELETE_SERVER -> new Invocation.Change(e.serverRemoval(), KernelCall.DEL_DEST, e.serverEdit());
            case ADD_LADDR, DEL_LADDR -> new Invocation.LocalAddress(command == CommandName.ADD_LADDR,
                    (ServiceKey.Inet) e.serviceKey(), e.localAddress);
            case GET_LADDR -> new Invocation.ListLocalAddresses(e.has(Opt.SERVICE) ? e.serviceKey() : null);
            case SET -> new Invocation.Change(new IpvsCommand.SetTimeouts(e.timeouts()), KernelCall.SET_TIMEOUT);
            case START_DAEMON -> new Invocation.Change(new IpvsCommand.StartDaemon(e.daemon()), KernelCall.START_DAEMON);
            case STOP_DAEMON -> new Invocation.Change(
                    new IpvsCommand.StopDaemon(io.lvsj.ipvs.DaemonState.ofNumber(e.daemonState), e.syncId),
                    KernelCall.STOP_DAEMON);
        };
    }

    /** ipvsadm's {@code generic_opt_check}: rules are checked in option order, first failure wins. */
    private static void checkLegality(CommandEntry e) {
        Opt exclusive = null;
        for (Opt option : OPTIONS) {
            char rule = e.command.rule(option);
            if (!e.has(option)) {
                if (rule == '+') {
                    throw Exit.fail("You need to supply the '" + option.label() + "' option for the '"
                            + e.command.label() + "' command");
                }
                continue;
            }
            if (rule == 'x') {
                throw Exit.fail("Illegal '" + option.label() + "' option with the '" + e.command.label() + "' command");
            }
            if (rule == '1') {
                if (exclusive != null) {
                    throw Exit.fail("The option '" + option.label() + "' conflicts with the '" + exclusive.label()
                            + "' option in the '" + e.command.label() + "' command");
                }
                exclusive = option;
            }
        }
    }

    private static void checkServer(CommandEntry e) {
        int method = e.forwarding & 7;
        boolean tunnel = method == ForwardingMethod.TUNNEL.number();
        if (e.fwmark == 0 && (tunnel || method == ForwardingMethod.DROUTE.number())) {
            e.server.port = e.service.port;
        }
        if (e.server.family != e.service.family && !tunnel) {
            throw Exit.fail("Different address family is allowed only for tunneling servers");
        }
        boolean tunnelOptions = e.has(Opt.TUN_TYPE) || e.has(Opt.TUN_PORT) || e.has(Opt.TUN_NOCSUM)
                || e.has(Opt.TUN_CSUM) || e.has(Opt.TUN_REMCSUM);
        if (tunnelOptions && !tunnel) {
            throw Exit.fail("Tunnel options conflict with forward method");
        }
        String rules = TUNNEL_RULES[e.tunnelType];
        String type = TUNNEL_NAMES[e.tunnelType];
        Opt exclusive = null;
        for (int i = 0; i < TUNNEL_OPTIONS.length; i++) {
            Opt option = TUNNEL_OPTIONS[i];
            char rule = rules.charAt(i);
            if (!e.has(option)) {
                if (rule == '+') {
                    throw Exit.fail("You need to supply the '" + option.label() + "' option for the '" + type
                            + "' tunnel type");
                }
                continue;
            }
            if (rule == 'x') {
                throw Exit.fail("Illegal '" + option.label() + "' option with the '" + type + "' tunnel type");
            }
            if (rule == '1') {
                if (exclusive != null) {
                    throw Exit.fail("The option '" + option.label() + "' conflicts with the '" + exclusive.label()
                            + "' option in the '" + type + "' tunnel type");
                }
                exclusive = option;
            }
        }
    }

    /** FullNAT (extension) matches a service by protocol, address and port: a fwmark service has none. */
    private static void checkFullNat(CommandEntry e) {
        if (e.fwmark != 0) {
            throw Exit.fail("FullNAT needs a TCP, UDP or SCTP virtual service, not a fwmark service");
        }
        if (e.localAddress != null && (e.localAddress.getAddress().length == 16) != (e.service.family == Endpoint.AF_INET6)) {
            throw Exit.fail("local address and virtual service must be of the same address family");
        }
    }

    private static Invocation list(CommandEntry e) {
        boolean special = e.has(Opt.CONNECTION) || e.has(Opt.TIMEOUT) || e.has(Opt.DAEMON);
        boolean counters = e.has(Opt.STATS) || e.has(Opt.RATE) || e.has(Opt.THRESHOLDS);
        if ((special && counters) || ((e.has(Opt.TIMEOUT) || e.has(Opt.DAEMON)) && e.has(Opt.PERSISTENT_CONN))) {
            throw Exit.fail("options conflicts in the list command");
        }
        if (e.has(Opt.PROMETHEUS) && (special || e.has(Opt.JSON))) {
            throw Exit.fail("--prometheus lists virtual services and their real servers: it does not go with "
                    + (e.has(Opt.JSON) ? "--json" : "-c, --timeout or --daemon"));
        }
        if (e.has(Opt.CONNECTION)) {
            return new Invocation.ListConnections(e.format);
        }
        if (e.has(Opt.SERVICE)) {
            return new Invocation.ListService(e.serviceKey(), e.format);
        }
        if (e.has(Opt.TIMEOUT)) {
            return new Invocation.ListTimeouts(e.format);
        }
        if (e.has(Opt.DAEMON)) {
            return new Invocation.ListDaemons(e.format);
        }
        return new Invocation.ListAll(e.format);
    }
}
