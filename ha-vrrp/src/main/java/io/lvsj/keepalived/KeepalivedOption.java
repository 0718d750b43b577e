package io.lvsj.keepalived;

import io.lvsj.keepalived.Getopt.Spec;
import io.lvsj.keepalived.Getopt.Value;

import java.util.Arrays;

/**
 * keepalived's command-line options (keepalived(8), 2.2.7): the one table that the parser
 * ({@link Getopt}), {@code --help} ({@link #help}) and, through the drift check of
 * packaging/rpm/check-docs, the keepalived-j(8) man page follow.
 */
enum KeepalivedOption {
    USE_FILE('f', "use-file", Value.REQUIRED, "FILE",
            "Use the specified configuration file (default " + KeepalivedCommand.DEFAULT_CONFIG + ")."),
    CONFIG_TEST('t', "config-test", Value.OPTIONAL, "LOG_FILE",
            "Check the configuration for obvious errors; exit 0 clean, 4 would not run, 5 errors, 6 script security."),
    DUMP_CONFIG((char) 0, "dump-config", Value.NONE, null,
            "Print the configuration as keepalived would run it, normalised."),
    JSON((char) 0, "json", Value.NONE, null,
            "Print the running daemon's VRRP state as JSON (keepalived-j only: it sends the daemon USR1 and prints the keepalived.json it writes)."),
    CONFIG_ID('i', "config-id", Value.REQUIRED, "ID", "Skip any configuration lines beginning '@' that don't match ID."),
    NAMESPACE('s', "namespace", Value.REQUIRED, "NAME", "Run in network namespace NAME (interfaces are looked up there)."),
    ALL_CONFIG('e', "all-config", Value.NONE, null,
            "Error if any configuration file is missing (same as global include_check)."),
    LOG_DETAIL('D', "log-detail", Value.NONE, null, "Detailed log messages (with -t: also the notes keepalived only logs)."),
    VRRP('P', "vrrp", Value.NONE, null, "Only run with VRRP subsystem."),
    CHECK('C', "check", Value.NONE, null, "Only run with Health-checker subsystem."),
    NO_BFD('B', "no_bfd", Value.NONE, null, "Don't run BFD subsystem."),
    ALL((char) 0, "all", Value.NONE, null, "Force all child processes to run, even if have no configuration."),
    LOG_CONSOLE('l', "log-console", Value.NONE, null, "Log messages to local console."),
    LOG_FACILITY('S', "log-facility", Value.REQUIRED, "FACILITY", "Syslog facility 0-7, local0-7, user or daemon."),
    LOG_FILE('g', "log-file", Value.OPTIONAL, "FILE",
            "Also log to FILE (default keepalived.log in $TMPDIR or /tmp); each child to FILE_vrrp, FILE_check, FILE_bfd."),
    FLUSH_LOG_FILE((char) 0, "flush-log-file", Value.NONE, null, "Flush log file on write."),
    NO_SYSLOG('G', "no-syslog", Value.NONE, null, "Don't log via syslog."),
    RELEASE_VIPS('X', "release-vips", Value.NONE, null, "Drop VIP on transition from signal."),
    DONT_RELEASE_VRRP('V', "dont-release-vrrp", Value.NONE, null, "Don't remove VRRP VIPs and VROUTEs on daemon stop."),
    DONT_RELEASE_IPVS('I', "dont-release-ipvs", Value.NONE, null, "Don't remove IPVS topology on daemon stop."),
    DONT_RESPAWN('R', "dont-respawn", Value.NONE, null, "Don't respawn child processes."),
    DONT_FORK('n', "dont-fork", Value.NONE, null, "Don't fork the daemon process."),
    DUMP_CONF('d', "dump-conf", Value.NONE, null, "Dump the configuration data (when the daemon runs)."),
    PID('p', "pid", Value.REQUIRED, "FILE", "Use specified pidfile for parent process."),
    VRRP_PID('r', "vrrp_pid", Value.REQUIRED, "FILE", "Use specified pidfile for VRRP child process."),
    CHECKERS_PID('c', "checkers_pid", Value.REQUIRED, "FILE", "Use specified pidfile for checkers child process."),
    BFD_PID('b', "bfd_pid", Value.REQUIRED, "FILE", "Use specified pidfile for BFD child process."),
    ADDRESS_MONITORING('a', "address-monitoring", Value.NONE, null,
            "Report all address additions/deletions notified by netlink."),
    SNMP('x', "snmp", Value.NONE, null, "Enable SNMP subsystem."),
    SNMP_AGENT_SOCKET('A', "snmp-agent-socket", Value.REQUIRED, "FILE", "Use the specified socket for master agent."),
    UMASK('u', "umask", Value.REQUIRED, "NUMBER", "umask for file creation (in numeric form)."),
    CORE_DUMP('m', "core-dump", Value.NONE, null, "Produce core dump if terminate abnormally."),
    CORE_DUMP_PATTERN('M', "core-dump-pattern", Value.OPTIONAL, "PATTERN", "Also set /proc/sys/kernel/core_pattern."),
    SIGNUM((char) 0, "signum", Value.REQUIRED, "SIGFUNC",
            "Print the signal number of STOP, RELOAD, DATA, STATS, STATS_CLEAR or JSON."),
    GENHASH('T', "genhash", Value.NONE, null, "Enter genhash utility mode (this should be the first option used)."),
    PERF((char) 0, "perf", Value.OPTIONAL, "ALL|RUN|END", "Collect perf data."),
    DEBUG((char) 0, "debug", Value.OPTIONAL, "DEBUG_OPTIONS", "Debug options."),
    NO_MEM_CHECK((char) 0, "no-mem-check", Value.NONE, null, "Disable malloc() etc mem-checks."),
    IGNORE_SIGINT((char) 0, "ignore-sigint", Value.NONE, null, "Ignore SIGINT (for debugging)."),
    VERSION('v', "version", Value.NONE, null, "Display the version number."),
    HELP('h', "help", Value.NONE, null, "Display this help message.");

    private static final int COLUMN = 31;
    final Spec spec;

    KeepalivedOption(char shortName, String longName, Value value, String label, String description) {
        this.spec = new Spec(shortName, longName, value, label, description);
    }

    static final Getopt PARSER = new Getopt(Arrays.stream(values()).map(o -> o.spec).toList());

    /** {@code --help}: one line per option, in the table's order, as keepalived lays out its own. */
    static String help() {
        StringBuilder text = new StringBuilder("Usage: keepalived-j [OPTION...]\n")
                .append("keepalived-compatible VRRP and IPVS health-check daemon.\n");
        for (KeepalivedOption option : values()) {
            Spec s = option.spec;
            StringBuilder left = new StringBuilder(s.shortName() != 0 ? "  -" + s.shortName() + ", " : "      ")
                    .append("--").append(s.longName());
            switch (s.value()) {
                case REQUIRED -> left.append('=').append(s.label());
                case OPTIONAL -> left.append("[=").append(s.label()).append(']');
                case NONE -> { }
            }
            if (left.length() >= COLUMN) {
                text.append(left).append('\n').append(" ".repeat(COLUMN));
            } else {
                text.append(left).append(" ".repeat(COLUMN - left.length()));
            }
            text.append(s.description()).append('\n');
        }
        return text.toString();
    }
}
