package io.lvsj.syncd.cli;

import io.lvsj.log.LogOutput;
import io.lvsj.syncd.cluster.ClusterKey;
import io.lvsj.syncd.daemon.DaemonRun;
import io.lvsj.syncd.daemon.SyncdConfigParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lvs-syncd}: the command line. */
@Command(name = "lvs-syncd", mixinStandardHelpOptions = true, versionProvider = LvsSyncdCommand.Version.class,
        sortOptions = false, usageHelpWidth = 100,
        header = "Relays the kernel's IPVS connection sync between directors over an authenticated, encrypted cluster.",
        description = {
            "",
            "lvs-syncd runs on every director. The kernel keeps doing the fast part: its master sync daemon"
                    + " multicasts each connection's state, its backup daemon creates the connections it is told"
                    + " about. lvs-syncd sits between them on a private veth pair (the sync link, lvsync0 <->"
                    + " lvsync1): it hears what this director's master daemon sends, keeps a table of every"
                    + " connection, and relays the updates over a JGroups cluster to the other directors, where"
                    + " lvs-syncd gives them to that kernel's backup daemon, so ipvsadm -Lnc there lists them as if"
                    + " the kernels had synced them directly.",
            "",
            "What the kernel's own sync cannot do, lvs-syncd does: a director that starts or restarts late"
                    + " receives the whole table (JGroups state transfer) and injects it before it reports ready;"
                    + " the cluster crosses routers (transport tcp with a static peer list); and every message is"
                    + " encrypted and authenticated with the cluster key, so a node without the key can neither"
                    + " join nor put a connection into any director's table.",
            "",
            "Every director can be master and backup at once (kernel-daemons manage, the default), or"
                    + " lvs-syncd follows the daemons keepalived-j, keepalived (lvs_sync_daemon lvsync0 VI_1) or"
                    + " ipvsadm --start-daemon run on the sync link (kernel-daemons follow). lvs-syncd never stops"
                    + " a kernel sync daemon.",
            "",
            "Options:"},
        footerHeading = "%n",
        footer = {
            "Configuration file (default /etc/lvs-syncd.conf), one setting a line, # or ! starts a comment:",
            "  bind ADDRESS                 this director's address for the cluster (required)",
            "  key-file PATH                the cluster key, the same file on every director (required)",
            "  transport multicast|tcp      UDP multicast on one segment, or TCP to the peers (multicast)",
            "  peer ADDRESS[:PORT]          a TCP peer, one line each (transport tcp)",
            "  cluster NAME                 the cluster's name (lvs-syncd)",
            "  node NAME                    this director's name (the host name)",
            "  port PORT                    the cluster's UDP or TCP port (7850)",
            "  multicast-group ADDRESS      (239.8.8.50), multicast-port PORT (45850), multicast-ttl N (1)",
            "  kernel-daemons manage|follow start the kernel's sync daemons, or relay those running (manage)",
            "  sync-link KERNEL RELAY       the veth pair's names (lvsync0 lvsync1)",
            "  sync-id N                    the sync id of the daemons lvs-syncd starts (0)",
            "  sync-group ADDRESS           the kernel daemons' group (224.0.0.81), sync-port PORT (8848)",
            "  max-connections N            the table's limit (4000000)",
            "  state-timeout SECONDS        how long a joining director waits for the table (60)",
            "  control-socket PATH          where --status asks (/run/lvs-syncd.sock)",
            "  metrics-listen ADDRESS[:PORT] serve /metrics, /state, /healthz over HTTP (off; port 9651)",
            "",
            "Logging: to syslog (daemon facility, ident lvs-syncd) unless -G; to the console too with -l;"
                    + " -D adds detail lines.",
            "",
            "Signals: HUP reads the configuration again (a bad file changes nothing); TERM and INT leave the"
                    + " cluster and stop.",
            "With systemd (Type=notify), lvs-syncd reports ready once it has joined and injected the table.",
            "",
            "Exit status: 0 stopped cleanly or the check passed; 1 a bad configuration or a failed start"
                    + " (one line says why); 2 a bad command line.",
            "",
            "Examples:",
            "  lvs-syncd --generate-key /etc/lvs-syncd/cluster.key   (copy it to every director)",
            "  lvs-syncd -t -f /etc/lvs-syncd.conf",
            "  lvs-syncd -f /etc/lvs-syncd.conf",
            "  lvs-syncd --status",
            "",
            "See docs/lvs-syncd.md for running it beside keepalived-j, beside keepalived, and across L3."})
public final class LvsSyncdCommand implements Callable<Integer> {

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "the configuration file (default ${DEFAULT-VALUE})")
    Path file = Path.of("/etc/lvs-syncd.conf");

    @Option(names = {"-t", "--config-test"}, description = "check the configuration file and exit: 0 if it is good,"
            + " 1 with every mistake as file:line: what is wrong")
    boolean configTest;

    @Option(names = "--status", description = "print the running daemon's status: members, connections, messages"
            + " in and out, drops by reason")
    boolean status;

    @Option(names = "--json", description = "with --status: as one JSON object")
    boolean json;

    @Option(names = "--generate-key", paramLabel = "FILE", description = "write a new random cluster key to FILE"
            + " (readable by its owner only; never overwrites) and exit")
    Path generateKey;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "write the daemon's pid to FILE while it runs")
    Path pidFile;

    @Option(names = {"-n", "--dont-fork"}, description = "accepted for keepalived's habits: lvs-syncd always runs in"
            + " the foreground, as systemd expects")
    boolean dontFork;

    @Option(names = {"-l", "--log-console"}, description = "log to the console (standard error) too, as keepalived -l")
    boolean logConsole;

    @Option(names = {"-G", "--no-syslog"}, description = "do not log to syslog (/dev/log), as keepalived -G")
    boolean noSyslog;

    @Option(names = {"-D", "--log-detail"}, description = "detailed log lines, as keepalived -D")
    boolean logDetail;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (generateKey != null) {
            try {
                ClusterKey.generate().write(generateKey);
            } catch (IOException e) {
                err.println("lvs-syncd: cannot write the key " + generateKey + ": "
                        + (e instanceof java.nio.file.FileAlreadyExistsException ? "it exists already" : e.getMessage()));
                return 1;
            }
            out.println("lvs-syncd: wrote a new cluster key to " + generateKey + "; copy it to every director");
            return 0;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            err.println("lvs-syncd: cannot read the configuration " + file + ": " + reason(e));
            return 1;
        }
        SyncdConfigParser.Result r = SyncdConfigParser.parse(file.toString(), text, hostName());
        if (!r.ok()) {
            r.errors().forEach(err::println);
            return 1;
        }
        if (configTest) {
            out.println("lvs-syncd: " + file + " is good");
            return 0;
        }
        if (status) {
            return DaemonRun.status(r.config(), json, out, err);
        }
        LogOutput logs = LogOutput.open(new LogOutput.Settings(logConsole ? System.err : null,
                noSyslog ? Optional.empty() : Optional.of(LogOutput.DEV_LOG), LogOutput.FACILITY_DAEMON, logDetail,
                "lvs-syncd", Clock.systemDefaultZone()));
        logs.install();
        try {
            return DaemonRun.run(file, r.config(), pidFile, err);
        } finally {
            logs.flush();
        }
    }

    static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
    }

    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            return h.isEmpty() ? "lvs-syncd" : h;
        } catch (IOException e) {
            return "lvs-syncd";
        }
    }

    /** The version line. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LvsSyncdCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lvs-syncd " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (LVS-J), sync version 1, JGroups "
                    + org.jgroups.Version.printVersion()};
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LvsSyncdCommand()).execute(args));
    }
}
