package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.ipvsadm.inet.NameService;


/**
 * Reads one ipvsadm command line, option by option, as ipvsadm 1.31's {@code parse_options}
 * does: the first option must be the command, each later one is recorded once, values are
 * checked as they come, and leftovers are {@code --set}'s three timeouts or an error. The
 * checks that need the whole line follow in {@link CommandRules}. Errors that end ipvsadm are
 * thrown as {@link Exit}; a popt error after the command is returned as
 * {@link Invocation.Rejected}.
 */
public final class CommandLineParser {
    private static final int SCHED_NAME_MAX = 15;
    private static final int IFNAME_MAX = 15;
    private static final int SCHED_FLAGS_ARG_MAX = 127;

    private final NameService names;
    private final boolean posixlyCorrect;

    /**
     * @param posixlyCorrect whether POSIXLY_CORRECT or POSIX_ME_HARDER is set, which makes popt
     *                       stop reading options at the first other word
     */
    public CommandLineParser(NameService names, boolean posixlyCorrect) {
        this.names = names;
        this.posixlyCorrect = posixlyCorrect;
    }

    /**
     * @param argv         the words, {@code argv[0]} being the program name used in messages
     * @param readingStdin whether this is a line of {@code -R}'s input (where {@code -R} is refused)
     */
    public Invocation parse(String[] argv, boolean readingStdin) {
        String program = argv[0];
        PoptScanner scanner = new PoptScanner(OptionTable.OPTIONS, argv, posixlyCorrect);
        CommandEntry entry = new CommandEntry();
        if (!(scanner.next() instanceof PoptScanner.Found first)) {
            throw Exit.tryHelp(program);
        }
        switch (first.option().tag()) {
            case HELP -> {
                return new Invocation.Help(first.longForm());
            }
            case VERSION -> {
                return new Invocation.Version(first.longForm());
            }
            default -> entry.command = command(first, entry, program);
        }
        PoptScanner.Event event;
        while ((event = scanner.next()) instanceof PoptScanner.Found found) {
            option(found, entry, scanner);
        }
        if (event instanceof PoptScanner.Failed failed) {
            return new Invocation.Rejected(scanner.lastWord() + ": " + failed.failure().message());
        }
        if (entry.command == CommandName.SET) {
            String tcp = scanner.nextLeftover();
            String tcpFin = tcp == null ? null : scanner.nextLeftover();
            String udp = tcpFin == null ? null : scanner.nextLeftover();
            if (udp == null) {
                throw Exit.fail("--set option requires 3 timeout values");
            }
            entry.tcpTimeout = OptionValues.timeout(tcp, 0);
            entry.tcpFinTimeout = OptionValues.timeout(tcpFin, 0);
            entry.udpTimeout = OptionValues.timeout(udp, 0);
        }
        String unexpected = scanner.nextLeftover();
        if (unexpected != null) {
            throw Exit.fail("unexpected argument " + unexpected);
        }
        if (!entry.schedulerFlags.isEmpty()) {
            entry.flags = (entry.flags & ~ServiceFlags.SCHED_MASK)
                    | SchedulerFlags.parse(entry.scheduler, entry.schedulerFlags);
        }
        return CommandRules.check(entry, program, readingStdin);
    }

    private static CommandName command(PoptScanner.Found first, CommandEntry entry, String program) {
        return switch (first.option().tag()) {
            case ADD_SERVICE -> CommandName.ADD;
            case EDIT_SERVICE -> CommandName.EDIT;
            case DELETE_SERVICE -> CommandName.DELETE;
            case ADD_SERVER -> CommandName.ADD_SERVER;
            case EDIT_SERVER -> CommandName.EDIT_SERVER;
            case DELETE_SERVER -> CommandName.DELETE_SERVER;
            case CLEAR -> CommandName.FLUSH;
            case LIST -> CommandName.LIST;
            case ZERO -> CommandName.ZERO;
            case SET -> CommandName.SET;
            case RESTORE -> CommandName.RESTORE;
            case SAVE -> CommandName.SAVE;
            case ADD_LADDR -> CommandName.ADD_LADDR;
            case DEL_LADDR -> CommandName.DEL_LADDR;
            case GET_LADDR -> CommandName.GET_LADDR;
            case START_DAEMON -> {
                entry.daemonState = daemonState(first.value(), "illegal start-daemon parameter specified");
                yield CommandName.START_DAEMON;
            }
            case STOP_DAEMON -> {
                entry.daemonState = daemonState(first.value(), "illegal start_daemon specified");
                yield CommandName.STOP_DAEMON;
            }
            default -> throw Exit.tryHelp(program);
        };
    }

    private static int daemonState(String word, String error) {
        return switch (word) {
            case "master" -> 1;
            case "backup" -> 2;
            default -> throw Exit.fail(error);
        };
    }

    private void option(PoptScanner.Found found, CommandEntry e, PoptScanner scanner) {
        String value = found.value();
        switch (found.option().tag()) {
            case TCP_SERVICE, UDP_SERVICE, SCTP_SERVICE -> {
                set(e, Opt.SERVICE);
                e.service.protocol = switch (found.option().tag()) {
                    case TCP_SERVICE -> CommandEntry.IPPROTO_TCP;
                    case UDP_SERVICE -> CommandEntry.IPPROTO_UDP;
                    default -> CommandEntry.IPPROTO_SCTP;
                };
                if ((e.service.parse(value, names) & Endpoint.ADDRESS) == 0) {
                    throw Exit.fail("illegal virtual server address[:port] specified");
                }
            }
            case FWMARK_SERVICE -> {
                set(e, Opt.SERVICE);
                e.service.family = Endpoint.AF_INET;
                e.service.protocol = CommandEntry.IPPROTO_TCP;
                e.fwmark = CNumbers.fwmark(value);
                if (e.fwmark < 0) {
                    throw Exit.fail("invalid fwmark value `" + value + "' specified");
                }
            }
            case SCHEDULER -> {
                set(e, Opt.SCHEDULER);
                e.scheduler = OptionValues.cut(value, SCHED_NAME_MAX);
            }
            case PERSISTENT -> {
                set(e, Opt.PERSISTENT);
                e.flags |= ServiceFlags.PERSISTENT;
                e.timeout = value == null ? CommandEntry.PERSISTENCE_DEFAULT : OptionValues.timeout(value, 1);
            }
            case NETMASK -> {
                set(e, Opt.NETMASK);
                e.service.netmask = OptionValues.netmask(value, e.service.family == Endpoint.AF_INET6, names);
            }
            case REAL_SERVER -> {
                set(e, Opt.SERVER);
                Endpoint parsed = e.service.copy();
                int parts = parsed.parse(value, names);
                e.server.family = parsed.family;
                e.server.address = parsed.address;
                e.server.port = parsed.port;
                if ((parts & Endpoint.ADDRESS) == 0) {
                    throw Exit.fail("illegal real server address[:port] specified");
                }
                if (parts == Endpoint.ADDRESS) {
                    e.server.port = e.service.port;
                }
            }
            case IPIP -> forwarding(e, 2);
            case GATEWAYING -> forwarding(e, 3);
            case MASQUERADING -> forwarding(e, 0);
            case FULLNAT -> forwarding(e, CommandEntry.FULLNAT);
            case LADDR -> {
                set(e, Opt.LADDR);
                e.localAddress = OptionValues.localAddress(value);
            }
            case WEIGHT -> e.weight = number(e, Opt.WEIGHT, value, 0, Integer.MAX_VALUE, "illegal weight specified");
            case U_THRESHOLD -> e.upperThreshold =
                    number(e, Opt.U_THRESHOLD, value, 0, Integer.MAX_VALUE, "illegal u_threshold specified");
            case L_THRESHOLD -> e.lowerThreshold =
                    number(e, Opt.L_THRESHOLD, value, 0, Integer.MAX_VALUE, "illegal l_threshold specified");
            case CONNECTION -> set(e, Opt.CONNECTION);
            case NUMERIC -> {
                set(e, Opt.NUMERIC);
                e.format = withFlag(e.format, Opt.NUMERIC);
            }
            case MCAST_INTERFACE -> {
                set(e, Opt.MCAST_INTERFACE);
                e.multicastInterface = OptionValues.cut(value, IFNAME_MAX);
            }
            case SYNCID -> e.syncId = (int) number(e, Opt.SYNCID, value, 0, 255, "illegal syncid specified");
            case TIMEOUT -> set(e, Opt.TIMEOUT);
            case DAEMON -> set(e, Opt.DAEMON);
            case STATS, RATE, THRESHOLDS, PERSISTENT_CONN, NOSORT, EXACT, TUN_INFO, JSON, PROMETHEUS -> {
                Opt option = formatOption(found.option().tag());
                set(e, option);
                e.format = withFlag(e.format, option);
            }
            case SORT -> {
                // sorting is the default; accepted for compatibility
            }
            case IPV6 -> {
                if (e.fwmark == 0) {
                    throw Exit.fail("-6 used before -f\n");
                }
                e.service.family = Endpoint.AF_INET6;
                e.service.netmask = 128;
            }
            case OPS -> {
                set(e, Opt.OPS);
                e.flags |= ServiceFlags.ONEPACKET;
            }
            case PE -> {
                set(e, Opt.PE);
                e.persistenceEngine = OptionValues.cut(value, 16);
            }
            case SCHED_FLAGS -> {
                set(e, Opt.SCHED_FLAGS);
                e.schedulerFlags = OptionValues.cut(value, SCHED_FLAGS_ARG_MAX);
            }
            case MCAST_GROUP -> {
                set(e, Opt.MCAST_GROUP);
                e.multicastGroup = OptionValues.multicastGroup(value);
            }
            case MCAST_PORT -> e.multicastPort =
                    (int) number(e, Opt.MCAST_PORT, value, 1, 65535, "illegal mcast-port specified");
            case MCAST_TTL -> e.multicastTtl =
                    (int) number(e, Opt.MCAST_TTL, value, 1, 255, "illegal mcast-ttl specified");
            case SYNC_MAXLEN -> e.syncMaxLength =
                    (int) number(e, Opt.SYNC_MAXLEN, value, 1, 65535 - 20 - 8, "illegal sync-maxlen specified");
            case TUN_TYPE -> {
                set(e, Opt.TUN_TYPE);
                e.tunnelType = switch (value) {
                    case "ipip" -> TunnelType.IPIP.number();
                    case "gue" -> TunnelType.GUE.number();
                    case "gre" -> TunnelType.GRE.number();
                    default -> throw Exit.fail("illegal tunnel type specified");
                };
            }
            case TUN_PORT -> e.tunnelPort =
                    (int) number(e, Opt.TUN_PORT, value, 1, 65535, "illegal tunnel port specified");
            case TUN_NOCSUM -> set(e, Opt.TUN_NOCSUM);
            case TUN_CSUM -> {
                set(e, Opt.TUN_CSUM);
                e.tunnelFlags |= TunnelType.FLAG_CSUM;
            }
            case TUN_REMCSUM -> {
                set(e, Opt.TUN_REMCSUM);
                e.tunnelFlags |= TunnelType.FLAG_REMCSUM;
            }
            default -> throw Exit.fail("invalid option `" + scanner.lastWord() + "'");
        }
    }

    /** Records an option; each may be given once. */
    private static void set(CommandEntry e, Opt option) {
        if (e.has(option)) {
            throw Exit.fail("multiple '" + option.label() + "' options specified");
        }
        e.options |= option.bit();
    }

    private static void forwarding(CommandEntry e, int method) {
        set(e, Opt.FORWARD);
        e.forwarding = method;
    }

    private static long number(CommandEntry e, Opt option, String value, long min, long max, String error) {
        set(e, option);
        long n = CNumbers.number(value, min, max);
        if (n < 0) {
            throw Exit.fail(error);
        }
        return n;
    }

    private static Opt formatOption(OptionSpec.Tag tag) {
        return switch (tag) {
            case STATS -> Opt.STATS;
            case RATE -> Opt.RATE;
            case THRESHOLDS -> Opt.THRESHOLDS;
            case PERSISTENT_CONN -> Opt.PERSISTENT_CONN;
            case NOSORT -> Opt.NOSORT;
            case EXACT -> Opt.EXACT;
            case TUN_INFO -> Opt.TUN_INFO;
            case PROMETHEUS -> Opt.PROMETHEUS;
            default -> Opt.JSON;
        };
    }

    private static ListFormat withFlag(ListFormat f, Opt option) {
        return new ListFormat(f.numeric() || option == Opt.NUMERIC, f.rule(), f.stats() || option == Opt.STATS,
                f.rate() || option == Opt.RATE, f.thresholds() || option == Opt.THRESHOLDS,
                f.persistentConn() || option == Opt.PERSISTENT_CONN, f.nosort() || option == Opt.NOSORT,
                f.exact() || option == Opt.EXACT, f.tunInfo() || option == Opt.TUN_INFO, f.json() || option == Opt.JSON,
                f.prometheus() || option == Opt.PROMETHEUS);
    }
}
