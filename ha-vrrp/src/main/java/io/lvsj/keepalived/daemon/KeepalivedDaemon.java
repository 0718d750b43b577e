package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.config.ConfigReport;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.metrics.KeepalivedStatus;
import io.lvsj.log.LogOutput;
import io.lvsj.process.SystemdNotify;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * keepalived-j's daemon: what keepalived's parent process and its VRRP and checker children do,
 * in one JVM. keepalived forks a process per subsystem so that a crash in one leaves the others
 * running and each can be given its own priority; keepalived-j runs them as separate groups of
 * threads in one process instead, each with its own log ident and its own threads, so a slow
 * check or script never delays a VRRP timer, and one signal dispatcher (this class's main loop)
 * hands each signal to the subsystems in turn.
 *
 * <p>The process writes its pid files, starts the subsystems, tells systemd it is ready, then
 * runs signals one at a time on the calling thread until TERM or INT.
 */
public final class KeepalivedDaemon {
    private enum Request { STOP, RELOAD, DUMP_DATA, DUMP_STATS }

    private KeepalivedDaemon() {
    }

    /**
     * Runs the daemon on {@code first} (already read, and its messages printed, by the command
     * line) until TERM or INT; {@code source} re-reads the configuration for SIGHUP. Returns the
     * exit status.
     */
    public static int run(ConfigReport first, ConfigSource source, DaemonOptions options, PrintStream err) {
        KeepalivedConfig config = first.config();
        GlobalDefs.Namespaces ns = config.global().namespaces();
        Optional<String> namespace = options.namespace().or(ns::netNamespace);
        Logs logs = new Logs(options.console(), options.syslog(), options.facility(), options.detail(), namespace,
                ns.instance(), LogOutput.DEV_LOG, options.logFile(), options.dumpDirectory());
        logs.install();
        Logger log = logs.parent();
        log.info("Starting " + options.version());
        PidFiles pids = pidFiles(config, options, log);
        if (alreadyRunning(pids, options, err)) {
            log.info("daemon is already running");
            logs.flush();
            return 0; // keepalived's status here
        }
        // The handlers go in before the pid file: whoever reads the pid may signal at once, and a
        // TERM before them would end the JVM its own way (status 143), not keepalived's.
        BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        Signals.install(new Signals.Handler() {
            @Override
            public void stop() {
                requests.add(Request.STOP);
            }

            @Override
            public void reload() {
                requests.add(Request.RELOAD);
            }

            @Override
            public void dumpData() {
                requests.add(Request.DUMP_DATA);
            }

            @Override
            public void dumpStats() {
                requests.add(Request.DUMP_STATS);
            }
        }, options.ignoreSigint());
        long pid = ProcessHandle.current().pid();
        if (!pids.writeMain(pid)) {
            logs.flush();
            return Dispatcher.EXIT_FATAL;
        }

        NetNamespace netns = namespace.map(NetNamespace::named).orElse(null);
        NetNamespace ipvsns = ns.netNamespaceIpvs().map(NetNamespace::named).orElse(netns);
        KeepalivedStatus status = new KeepalivedStatus(ipvsns, log);
        Map<Subsystem.Kind, Subsystem.Starter> starters = new EnumMap<>(Subsystem.Kind.class);
        BfdEvents bfd = new BfdEvents(); // keepalived's BFD-to-VRRP and BFD-to-checker pipes
        starters.put(Subsystem.Kind.VRRP, VrrpSubsystem.starter(netns, logs.of(Subsystem.Kind.VRRP), status, bfd,
                c -> options.mode().runs(Subsystem.Kind.CHECKERS, c)));
        starters.put(Subsystem.Kind.BFD, BfdSubsystem.starter(netns, logs.of(Subsystem.Kind.BFD), bfd));
        starters.put(Subsystem.Kind.CHECKERS, CheckerSubsystem.starter(netns, ipvsns,
                logs.of(Subsystem.Kind.CHECKERS), options.dontReleaseIpvs(), status, bfd));
        Dispatcher dispatcher = new Dispatcher(options.mode(), starters, source, log, pids, pid);
        SystemdNotify systemd = SystemdNotify.from(System.getenv("NOTIFY_SOCKET"));

        Optional<String> failure = dispatcher.start(config);
        if (failure.isPresent()) {
            log.info(failure.get());
            err.println("keepalived-j: " + failure.get());
            return end(logs, log, pids, options.version(), Dispatcher.EXIT_FATAL);
        }
        listen(status, config, netns);
        log.info("Startup complete");
        systemd.ready();
        while (true) {
            Request next;
            try {
                next = requests.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = Request.STOP;
            }
            switch (next) {
                case STOP -> {
                    log.info("Stopping");
                    systemd.stopping();
                    dispatcher.stop();
                    status.close();
                    return end(logs, log, pids, options.version(), 0);
                }
                case RELOAD -> {
                    systemd.reloading();
                    if (dispatcher.reload()) {
                        listen(status, dispatcher.config(), netns);
                    }
                    systemd.ready();
                }
                case DUMP_DATA -> dispatcher.dumpData(options.dumpDirectory());
                case DUMP_STATS -> dispatcher.dumpStats(options.dumpDirectory());
            }
        }
    }

    /** The status endpoint as {@code config}'s {@code metrics_listen} says, in the daemon's namespace. */
    private static void listen(KeepalivedStatus status, KeepalivedConfig config, NetNamespace netns) {
        status.listen(config.global().statusEndpoint(), netns, config.global().lvs().syncDaemon().isPresent());
    }

    /**
     * keepalived without {@code -n}: checks that no daemon runs already, then starts this
     * command again in the background ({@link Background}) and returns its status.
     */
    public static int startInBackground(ConfigReport first, DaemonOptions options, PrintStream err) {
        PidFiles pids = pidFiles(first.config(), options, LogOutput.silent(false));
        if (alreadyRunning(pids, options, err)) {
            return 0;
        }
        return Background.start(pids.main(), err);
    }

    /**
     * keepalived-j's {@code --json}: asks the running daemon (its pid file as the daemon would
     * find it) for its state with USR1, which also writes {@code keepalived.json} (keepalived's
     * JSON signal, a real-time signal a JVM cannot catch), and prints that file once it is
     * written. Status 1 when no daemon runs or none writes it within 10 s (no VRRP running).
     */
    public static int json(ConfigReport first, DaemonOptions options, PrintStream out, PrintStream err) {
        Path pidFile = options.mainPid().orElseGet(() -> pidFiles(first.config(), options, LogOutput.silent(false)).main());
        long pid;
        try {
            pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
        } catch (java.io.IOException | NumberFormatException e) {
            err.println("keepalived-j: no daemon is running (no pid in " + pidFile + ")");
            return Dispatcher.EXIT_FATAL;
        }
        Path json = options.dumpDirectory().resolve("keepalived.json");
        java.nio.file.attribute.FileTime before = modified(json);
        try {
            io.lvsj.sys.LibC.kill(pid, 10);
        } catch (io.lvsj.sys.ErrnoException e) {
            err.println("keepalived-j: cannot signal the daemon (pid " + pid + " in " + pidFile + "): " + e.getMessage());
            return Dispatcher.EXIT_FATAL;
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        String seen = null;
        try {
            while (System.nanoTime() < deadline) {
                java.nio.file.attribute.FileTime now = modified(json);
                if (now != null && (before == null || now.compareTo(before) > 0)) {
                    String text = java.nio.file.Files.readString(json);
                    if (!text.isEmpty() && text.equals(seen)) { // written in one go: the same twice running
                        out.print(text);
                        return 0;
                    }
                    seen = text;
                }
                Thread.sleep(50);
            }
        } catch (java.io.IOException e) {
            err.println("keepalived-j: cannot read " + json + ": " + e.getMessage());
            return Dispatcher.EXIT_FATAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("keepalived-j: the daemon wrote no " + json + " within 10 s (only VRRP writes it)");
        return Dispatcher.EXIT_FATAL;
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean alreadyRunning(PidFiles pids, DaemonOptions options, PrintStream err) {
        if (pids.anyRunning(options.mode(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
            err.println("keepalived-j: daemon is already running (see " + pids.main() + ")");
            return true;
        }
        return false;
    }

    /** keepalived's pid files for this configuration and these options. */
    static PidFiles pidFiles(KeepalivedConfig config, DaemonOptions options, Logger log) {
        GlobalDefs.Namespaces ns = config.global().namespaces();
        boolean usePidDir = ns.usePidDir() || options.namespace().or(ns::netNamespace).isPresent()
                || ns.instance().isPresent();
        if (usePidDir) {
            createPidDirectory();
        }
        return new PidFiles(
                options.mainPid().orElse(PidFiles.defaultPath("keepalived", usePidDir, ns.instance())),
                options.vrrpPid().orElse(PidFiles.defaultPath("keepalived_vrrp", usePidDir, ns.instance())),
                options.checkersPid().orElse(PidFiles.defaultPath("keepalived_checkers", usePidDir, ns.instance())),
                options.bfdPid().orElse(PidFiles.defaultPath("keepalived_bfd", usePidDir, ns.instance())),
                log);
    }

    private static int end(Logs logs, Logger log, PidFiles pids, String version, int status) {
        pids.removeAll();
        log.info("Stopped " + version);
        logs.flush();
        return status;
    }

    private static void createPidDirectory() {
        try {
            Files.createDirectories(PidFiles.PID_DIRECTORY);
        } catch (IOException e) {
            // keepalived logs "Unable to create directory" and carries on; writing the pid file then says why
        }
    }
}
