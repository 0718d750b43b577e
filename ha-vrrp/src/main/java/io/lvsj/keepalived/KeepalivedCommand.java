package io.lvsj.keepalived;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.config.Diagnostic;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.dump.ConfigDump;
import io.lvsj.keepalived.host.SystemHost;
import io.lvsj.keepalived.config.parse.KeepalivedConfigParser;
import io.lvsj.keepalived.daemon.DaemonOptions;
import io.lvsj.keepalived.daemon.KeepalivedDaemon;
import io.lvsj.keepalived.daemon.Mode;
import io.lvsj.keepalived.daemon.Subsystem;
import io.lvsj.log.LogOutput;
import io.lvsj.sys.NetNamespace;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * keepalived's command line ({@code keepalived(8)}, 2.2.7): runs the daemon (VRRP and the
 * health checkers in one process, {@link KeepalivedDaemon}), checks a configuration
 * ({@code -t}), prints it ({@code --dump-config}); {@code -T} (genhash) is handled before
 * this class sees the arguments ({@link KeepalivedMain}). Options keepalived-j accepts but does
 * not act on say so when the daemon starts, rather than pretend.
 */
final class KeepalivedCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_FATAL = 1;
    /** keepalived exits 1 after an unknown option, as for any other startup failure. */
    static final int EXIT_USAGE = 1;
    /** keepalived's KEEPALIVED_EXIT_CONFIG: a process refused the configuration. */
    static final int EXIT_CONFIG = 2;
    /** keepalived's KEEPALIVED_EXIT_NO_CONFIG: the configuration cannot be read. */
    static final int EXIT_NOT_CONFIGURED = 6;
    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";
    static final String VERSION = "keepalived-j 0.1.0 (configuration-compatible with Keepalived v2.2.7)";

    private final PrintStream out;
    private final PrintStream err;

    private final String configFile;
    private final String configTest;
    private final boolean dumpConfig;
    private final boolean json;
    private final String configId;
    private final String namespace;
    private final boolean allConfig;
    private final boolean logDetail;
    // Options that shape a running daemon: accepted for compatibility.
    private final boolean vrrpOnly;
    private final boolean checkOnly;
    private final boolean noBfd;
    private final boolean all;
    private final boolean logConsole;
    private final String logFacility;
    private final String logFile;
    private final boolean noSyslog;
    private final boolean releaseVips;
    private final boolean dontReleaseVrrp;
    private final boolean dontReleaseIpvs;
    private final boolean dontFork;
    private final boolean dumpConf;
    private final String pidFile;
    private final String vrrpPidFile;
    private final String checkersPidFile;
    private final String bfdPidFile;
    private final boolean snmp;
    private final String snmpSocket;
    private final String umask;
    private final boolean coreDump;
    private final String coreDumpPattern;
    private final String signum;
    private final boolean genhash;
    private final boolean ignoreSigint;
    private final boolean version;
    private final boolean help;

    /** The command line {@link KeepalivedOption#PARSER} read; the last of a repeated option counts. */
    KeepalivedCommand(Getopt.Parsed options, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        configFile = value(options, KeepalivedOption.USE_FILE);
        configTest = value(options, KeepalivedOption.CONFIG_TEST);
        dumpConfig = options.has(KeepalivedOption.DUMP_CONFIG.spec);
        json = options.has(KeepalivedOption.JSON.spec);
        configId = value(options, KeepalivedOption.CONFIG_ID);
        namespace = value(options, KeepalivedOption.NAMESPACE);
        allConfig = options.has(KeepalivedOption.ALL_CONFIG.spec);
        logDetail = options.has(KeepalivedOption.LOG_DETAIL.spec);
        vrrpOnly = options.has(KeepalivedOption.VRRP.spec);
        checkOnly = options.has(KeepalivedOption.CHECK.spec);
        noBfd = options.has(KeepalivedOption.NO_BFD.spec);
        all = options.has(KeepalivedOption.ALL.spec);
        logConsole = options.has(KeepalivedOption.LOG_CONSOLE.spec);
        logFacility = value(options, KeepalivedOption.LOG_FACILITY);
        // -g alone means keepalived's default log file, keepalived.log in the tmp directory
        logFile = options.value(KeepalivedOption.LOG_FILE.spec).map(f -> f.isEmpty() ? "keepalived.log" : f)
                .orElse(null);
        noSyslog = options.has(KeepalivedOption.NO_SYSLOG.spec);
        releaseVips = options.has(KeepalivedOption.RELEASE_VIPS.spec);
        dontReleaseVrrp = options.has(KeepalivedOption.DONT_RELEASE_VRRP.spec);
        dontReleaseIpvs = options.has(KeepalivedOption.DONT_RELEASE_IPVS.spec);
        dontFork = options.has(KeepalivedOption.DONT_FORK.spec);
        dumpConf = options.has(KeepalivedOption.DUMP_CONF.spec);
        pidFile = value(options, KeepalivedOption.PID);
        vrrpPidFile = value(options, KeepalivedOption.VRRP_PID);
        checkersPidFile = value(options, KeepalivedOption.CHECKERS_PID);
        bfdPidFile = value(options, KeepalivedOption.BFD_PID);
        snmp = options.has(KeepalivedOption.SNMP.spec);
        snmpSocket = value(options, KeepalivedOption.SNMP_AGENT_SOCKET);
        umask = value(options, KeepalivedOption.UMASK);
        coreDump = options.has(KeepalivedOption.CORE_DUMP.spec);
        coreDumpPattern = value(options, KeepalivedOption.CORE_DUMP_PATTERN);
        signum = value(options, KeepalivedOption.SIGNUM);
        genhash = options.has(KeepalivedOption.GENHASH.spec);
        ignoreSigint = options.has(KeepalivedOption.IGNORE_SIGINT.spec);
        version = options.has(KeepalivedOption.VERSION.spec);
        help = options.has(KeepalivedOption.HELP.spec);
    }

    private static String value(Getopt.Parsed options, KeepalivedOption option) {
        return options.value(option.spec).orElse(null);
    }

    /** Runs what the command line asks for and returns the exit status. */
    int call() {
        if (help) {
            out.print(KeepalivedOption.help());
            return EXIT_OK;
        }
        if (version) {
            err.println(VERSION);
            return EXIT_OK;
        }
        if (signum != null) {
            return signum(signum);
        }
        if (genhash) {
            GenhashCommand.usage(err);
            return EXIT_FATAL;
        }
        if (json) {
            ConfigReport report = read();
            if (report.outcome() == ConfigReport.Outcome.NOT_READ && pidFile == null) {
                print(report, err);
                return EXIT_NOT_CONFIGURED;
            }
            return KeepalivedDaemon.json(report, options(Mode.of(vrrpOnly, checkOnly, noBfd, all)), out, err);
        }
        if (configTest != null) {
            return configTest();
        }
        if (dumpConfig) {
            return dump();
        }
        return runDaemon();
    }

    /**
     * The daemon: VRRP and the checkers as the configuration and {@code -P}/{@code -C} call for,
     * in the foreground with {@code -n}, else started again in the background.
     */
    private int runDaemon() {
        ConfigReport report = read();
        print(report, err, true);
        if (report.outcome() == ConfigReport.Outcome.NOT_READ) {
            return EXIT_NOT_CONFIGURED;
        }
        Mode mode = Mode.of(vrrpOnly, checkOnly, noBfd, all);
        if (report.outcome() != ConfigReport.Outcome.CHECKED) {
            return report.testExitStatus() != 0 ? report.testExitStatus() : EXIT_FATAL;
        }
        if (report.vrrpStops() && mode.runs(Subsystem.Kind.VRRP, report.config())) {
            // keepalived's VRRP child refuses it and exits KEEPALIVED_EXIT_CONFIG; the parent follows.
            err.println("keepalived-j: Keepalived_vrrp exited with permanent error CONFIG. Terminating");
            return EXIT_CONFIG;
        }
        ignoredOptions().forEach(option -> err.println("keepalived-j: " + option
                + " is accepted for compatibility and has no effect yet"));
        DaemonOptions options = options(mode);
        if (!dontFork) {
            return KeepalivedDaemon.startInBackground(report, options, err);
        }
        io.lvsj.sys.LibC.umask(fileMask(report));
        return KeepalivedDaemon.run(report, this::read, options, err);
    }

    /**
     * keepalived's file creation mask, which its scripts inherit too: {@code -u} (strtol, any
     * base), else global_defs' {@code umask}, else 0177 (rw for the owner only).
     */
    private int fileMask(ConfigReport report) {
        if (umask != null) {
            io.lvsj.text.CNumber n = new io.lvsj.text.CNumber(umask);
            long value = n.strtol();
            if (!n.noDigits() && n.atEnd() && value >= 0 && value <= 0777) {
                return (int) value;
            }
            err.println("Invalid --umask option " + umask); // and keepalived keeps its default
        }
        return report.config().global().processes().umask().orElse(0177);
    }

    private DaemonOptions options(Mode mode) {
        int facility = LogOutput.FACILITY_DAEMON;
        if (logFacility != null) {
            OptionalInt parsed = DaemonOptions.facility(logFacility);
            if (parsed.isEmpty()) {
                err.println("Invalid log facility '" + logFacility + "'");
            } else {
                facility = parsed.getAsInt();
            }
        }
        // keepalived's -l writes to stderr, so "2>" captures the log and stdout stays clean
        return new DaemonOptions(VERSION, Optional.ofNullable(namespace), mode, logConsole ? err : null,
                !noSyslog, facility, logDetail, Optional.ofNullable(pidFile).map(Path::of),
                Optional.ofNullable(vrrpPidFile).map(Path::of), Optional.ofNullable(checkersPidFile).map(Path::of),
                Optional.ofNullable(bfdPidFile).map(Path::of),
                dontReleaseIpvs, DaemonOptions.dumpDirectory(System.getenv("TMPDIR")), ignoreSigint,
                Optional.ofNullable(logFile));
    }

    /** Options that shape keepalived's daemon in ways keepalived-j does not (yet). */
    List<String> ignoredOptions() {
        List<String> ignored = new java.util.ArrayList<>();
        if (releaseVips) {
            ignored.add("-X (--release-vips)");
        }
        if (dontReleaseVrrp) {
            ignored.add("-V (--dont-release-vrrp)");
        }
        if (snmp || snmpSocket != null) {
            ignored.add("-x/-A (SNMP)");
        }
        if (dumpConf) {
            ignored.add("-d (--dump-conf; use --dump-config)");
        }
        if (coreDump || coreDumpPattern != null) {
            ignored.add("-m/-M (core dumps)");
        }
        return ignored;
    }

    private ConfigReport read() {
        String file = configFile != null ? configFile : DEFAULT_CONFIG;
        NetNamespace ns = namespace == null ? null : NetNamespace.named(namespace);
        return KeepalivedConfigParser.parse(new KeepalivedConfigParser.Request(file, Path.of("").toAbsolutePath(),
                configId, new SystemHost(ns), new Random(), allConfig));
    }

    private int configTest() {
        PrintStream log = err;
        if (!configTest.isEmpty()) {
            try {
                log = new PrintStream(new FileOutputStream(configTest, true), true);
            } catch (IOException e) {
                err.println("Unable to open config-test log file " + configTest + " - " + e.getMessage());
                return EXIT_FATAL;
            }
        }
        ConfigReport report = read();
        print(report, log);
        if (log != err) {
            log.close();
        }
        if (dumpConfig && report.outcome() == ConfigReport.Outcome.CHECKED) {
            out.print(ConfigDump.render(report.config()));
        }
        return report.testExitStatus();
    }

    private int dump() {
        ConfigReport report = read();
        print(report, err);
        if (report.outcome() != ConfigReport.Outcome.CHECKED) {
            return report.testExitStatus();
        }
        out.print(ConfigDump.render(report.config()));
        return EXIT_OK;
    }

    private void print(ConfigReport report, PrintStream to) {
        // a check (-t) prints what keepalived reports; its notes, which keepalived only logs, are
        // shown with -D, or when they explain why nothing was read
        print(report, to, logDetail || report.outcome() == ConfigReport.Outcome.NOT_READ);
    }

    /** The diagnostics of {@code report}; the notes too with {@code notes} (the daemon logs them, as keepalived's). */
    private static void print(ConfigReport report, PrintStream to, boolean notes) {
        for (Diagnostic d : report.diagnostics()) {
            if (d.severity() != Severity.NOTE || notes) {
                to.println(d);
            }
        }
    }

    private int signum(String name) {
        int number = switch (name.toUpperCase(Locale.ROOT)) {
            case "STOP" -> 15;
            case "RELOAD" -> 1;
            case "DATA" -> 10;
            case "STATS" -> 12;
            case "STATS_CLEAR" -> 63;
            case "JSON" -> 10; // keepalived's 36 (SIGRTMIN+2) cannot be caught by a JVM; USR1 writes the JSON too
            default -> -1;
        };
        if (number < 0) {
            err.println("Unknown sigfunc " + name);
            return EXIT_FATAL;
        }
        out.println(number);
        return EXIT_OK;
    }
}
