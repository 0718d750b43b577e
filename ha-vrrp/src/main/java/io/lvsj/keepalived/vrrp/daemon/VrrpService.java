package io.lvsj.keepalived.vrrp.daemon;

import io.lvsj.keepalived.vrrp.StateDump;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.netlink.sys.NetNamespace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * keepalived-j's VRRP process as the command line runs it: pid files, keepalived's signals
 * (TERM/INT stop, HUP reloads from {@code reread}, USR1 writes {@code keepalived.data} and
 * {@code keepalived.json}, USR2 {@code keepalived.stats}), console or syslog logging, and the
 * exit status. The caller maps its configuration model onto {@link VrrpConfig}.
 */
public final class VrrpService {
    /**
     * How to run.
     *
     * @param namespace   {@code net_namespace} / {@code -s}, or {@code null}
     * @param pidFiles    files to hold our pid ({@code -p}, {@code -r}); removed at exit
     * @param console     {@code -l}: log to stdout instead of syslog
     * @param detail      {@code -D}
     * @param dumpDirectory where the USR1/USR2 files go (keepalived: /tmp)
     */
    public record Options(NetNamespace namespace, List<Path> pidFiles, boolean console, boolean detail,
                          Path dumpDirectory) {
    }

    private VrrpService() {
    }

    /**
     * Runs until TERM or INT; returns the exit status. {@code reread} re-reads the
     * configuration for SIGHUP and throws {@link IllegalArgumentException} with a message for
     * a configuration that cannot be used (the running one then carries on).
     */
    public static int run(VrrpConfig config, Supplier<VrrpConfig> reread, Options options) {
        VrrpLog log = options.console() ? VrrpLog.console(System.out, options.detail())
                : Syslog.open("Keepalived_vrrp", Syslog.FACILITY_DAEMON, options.detail());
        VrrpDaemon daemon;
        try {
            daemon = VrrpDaemon.start(config, options.namespace(), log);
        } catch (IllegalArgumentException e) {
            log.log(e.getMessage());
            log.flush();
            System.err.println("keepalived-j: " + e.getMessage());
            return 1;
        }
        writePids(options.pidFiles(), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Signals.install(new Signals.Handler() {
            @Override
            public void stop() {
                log.log("Stopping");
                daemon.stop();
                stopped.countDown();
            }

            @Override
            public void reload() {
                try {
                    daemon.reload(reread.get());
                } catch (RuntimeException e) {
                    log.log("Reload failed: " + e.getMessage());
                }
            }

            @Override
            public void dumpData() {
                write(options.dumpDirectory().resolve("keepalived.data"), daemon.query(StateDump::data), log);
                write(options.dumpDirectory().resolve("keepalived.json"), daemon.query(StateDump::json), log);
            }

            @Override
            public void dumpStats() {
                write(options.dumpDirectory().resolve("keepalived.stats"), daemon.query(StateDump::stats), log);
            }
        });
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Path pid : options.pidFiles()) {
            try {
                Files.deleteIfExists(pid);
            } catch (IOException e) {
                log.log("Cannot remove pid file " + pid + ": " + e.getMessage());
            }
        }
        log.log("Stopped");
        log.flush();
        return 0;
    }

    private static void writePids(List<Path> files, VrrpLog log) {
        String pid = ProcessHandle.current().pid() + "\n";
        for (Path file : files) {
            write(file, pid, log);
        }
    }

    private static void write(Path file, String text, VrrpLog log) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            log.log("Can't open " + file + " (" + e.getMessage() + ")");
        }
    }
}
