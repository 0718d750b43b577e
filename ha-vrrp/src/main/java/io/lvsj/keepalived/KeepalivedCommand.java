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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * keepalived's command line ({@code keepalived(8)}, 2.2.7): runs the daemon (VRRP and the
 * health checkers in one process, {@link KeepalivedDaemon}), checks a configuration
 * ({@code -t}), prints it ({@code --dump-config}); {@code -T} (genhash) is handled before
 * this class sees the arguments ({@link KeepalivedMain}). Options keepalived-j accepts but does
 * not act on say so when the daemon starts, rather than pretend.
 */
@Command(name = "keepalived-j", mixinStandardHelpOptions = false, sortOptions = false,
        description = "keepalived-compatible VRRP and IPVS health-check daemon.")
final class KeepalivedCommand implements Callable<Integer> {
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

    KeepalivedCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file (default " + DEFAULT_CONFIG + ").")
    String configFile;
    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOG_FILE",
            description = "Check the configuration for obvious errors; exit 0 clean, 4 would not run, 5 errors, 6 script security.")
    String configTest;
    @Option(names = "--dump-config", description = "Print the configuration as keepalived would run it, normalised.")
    boolean dumpConfig;
    @Option(names = "--json", description = "Print the running daemon's VRRP state as JSON (keepalived-j only: it sends the daemon USR1 and prints the keepalived.json it writes).")
    boolean json;
    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", description = "Skip any configuration lines beginning '@' that don't match ID.")
    String configId;
    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = "Run in network namespace NAME (interfaces are looked up there).")
    String namespace;
    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file is missing (same as global include_check).")
    boolean allConfig;
    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages (with -t: also the notes keepalived only logs).")
    boolean logDetail;

    // Options that shape a running daemon: accepted for compatibility.
    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem.") boolean vrrpOnly;
    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem.") boolean checkOnly;
    @Option(names = {"-B", "--no_bfd"}, description = "Don't run BFD subsystem.") boolean noBfd;
    @Option(names = "--all", description = "Force all child processes to run, even if have no configuration.") boolean all;
    @Option(names = {"-l", "--log-console"}, description = "Log messages to local console.") boolean logConsole;
    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Syslog facility 0-7, local0-7, user or daemon.") String logFacility;
    @Option(names = {"-g", "--log-file"}, arity = "0..1", fallbackValue = "keepalived.log", paramLabel = "FILE", description = "Also log to FILE (default $TMPDIR or /tmp /keepalived.log); each child to FILE_vrrp, FILE_check, FILE_bfd.") String logFile;
    @Option(names = "--flush-log-file", description = "Flush log file on write.") boolean flushLogFile;
    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog.") boolean noSyslog;
    @Option(names = {"-X", "--release-vips"}, description = "Drop VIP on transition from signal.") boolean releaseVips;
    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Don't remove VRRP VIPs and VROUTEs on daemon stop.") boolean dontReleaseVrrp;
    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Don't remove IPVS topology on daemon stop.") boolean dontReleaseIpvs;
    @Option(names = {"-R", "--dont-respawn"}, description = "Don't respawn child processes.") boolean dontRespawn;
    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process.") boolean dontFork;
    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data (when the daemon runs).") boolean dumpConf;
    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process.") String pidFile;
    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process.") String vrrpPidFile;
    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process.") String checkersPidFile;
    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "Use specified pidfile for BFD child process.") String bfdPidFile;
    @Option(names = {"-a", "--address-monitoring"}, description = "Report all address additions/deletions notified by netlink.") boolean addressMonitoring;
    @Option(names = {"-x", "--snmp"}, description = "Enable SNMP subsystem.") boolean snmp;
    @Option(names = {"-A", "--snmp-agent-socket"}, paramLabel = "FILE", description = "Use the specified socket for master agent.") String snmpSocket;
    @Option(names = {"-u", "--umask"}, paramLabel = "NUMBER", description = "umask for file creation (in numeric form).") String umask;
    @Option(names = {"-m", "--core-dump"}, description = "Produce core dump if terminate abnormally.") boolean coreDump;
    @Option(names = {"-M", "--core-dump-pattern"}, arity = "0..1", fallbackValue = "", paramLabel = "PATTERN", description = "Also set /proc/sys/kernel/core_pattern.") String coreDumpPattern;
    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Print the signal number of STOP, RELOAD, DATA, STATS, STATS_CLEAR or JSON.") String signum;
    @Option(names = {"-T", "--genhash"}, description = "Enter genhash utility mode (this should be the first option used).") boolean genhash;
    @Option(names = "--perf", arity = "0..1", fallbackValue = "run", paramLabel = "ALL|RUN|END", description = "Collect perf data.") String perf;
    @Option(names = "--debug", arity = "0..1", fallbackValue = "", paramLabel = "DEBUG_OPTIONS", description = "Debug options.") String debug;
    @Option(names = "--no-mem-check", description = "Disable malloc() etc mem-checks.") boolean noMemCheck;
    @Option(names = "--ignore-sigint", description = "Ignore SIGINT (for debugging).") boolean ignoreSigint;
    @Option(names = {"-v", "--version"}, description = "Display the version number.") boolean version;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Display this help message.") boolean help;

    @Override
    public Integer call() {
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
        print(report, err);
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
        return KeepalivedDaemon.run(report, this::read, options, err);
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
                Optional.ofNullable(logFile).map(f -> f.isEmpty() ? "keepalived.log" : f));
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
        if (umask != null) {
            ignored.add("-u (--umask)");
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
        // keepalived only logs its notes; they are shown with -D, or when they explain why nothing was read
        boolean notes = logDetail || report.outcome() == ConfigReport.Outcome.NOT_READ;
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
