package io.lvsj.keepalived.daemon;

import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.lvs.LvsConfigMapping;
import io.lvsj.keepalived.lvs.SyncDaemonSpec;
import io.lvsj.keepalived.metrics.KeepalivedStatus;
import io.lvsj.keepalived.vrrp.StateDump;
import io.lvsj.keepalived.vrrp.VirtualRouter;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.keepalived.vrrp.config.ModelMapping;
import io.lvsj.keepalived.vrrp.config.VrrpConfig;
import io.lvsj.keepalived.vrrp.daemon.VrrpDaemon;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * keepalived's VRRP child: the {@link VrrpDaemon} on the configuration's VRRP part, and the
 * kernel sync daemon following its instance ({@link SyncDaemonLink}). What of the file the
 * engine does not do yet is logged, one line each, at start and at every reload.
 */
final class VrrpSubsystem implements Subsystem {
    private final VrrpDaemon daemon;
    private final SyncDaemonLink sync;
    private final Logger log;
    private final KeepalivedStatus status;
    private final Predicate<KeepalivedConfig> checkersRun;

    private VrrpSubsystem(VrrpDaemon daemon, SyncDaemonLink sync, Logger log, KeepalivedStatus status,
                          Predicate<KeepalivedConfig> checkersRun) {
        this.checkersRun = checkersRun;
        this.daemon = daemon;
        this.sync = sync;
        this.log = log;
        this.status = status;
    }

    /**
     * @param status told of the running daemon, for the status endpoint
     * @param bfd    the BFD sessions' ups and downs, for track_bfd
     * @param checkersRun whether the checker side runs with a configuration (it then runs the
     *                    global notify_fifo_script)
     */
    static Starter starter(NetNamespace namespace, Logger log, KeepalivedStatus status, BfdEvents bfd,
                           Predicate<KeepalivedConfig> checkersRun) {
        return config -> {
            VrrpConfig vrrp = map(config, checkersRun.test(config), log);
            SyncDaemonLink sync = new SyncDaemonLink(namespace, log);
            sync.configure(LvsConfigMapping.syncDaemon(config), false); // every instance starts as backup
            try {
                VrrpDaemon daemon = VrrpDaemon.start(vrrp, namespace, log, sync::entered, bfd);
                status.vrrp(daemon);
                return new VrrpSubsystem(daemon, sync, log, status, checkersRun);
            } catch (RuntimeException e) {
                sync.close();
                throw e;
            }
        };
    }

    private static VrrpConfig map(KeepalivedConfig config, boolean checkersRun, Logger log) {
        ModelMapping.Mapped mapped = ModelMapping.map(config, checkersRun);
        mapped.unsupported().forEach(line -> log.info("keepalived-j: " + line));
        return mapped.config();
    }

    @Override
    public void reload(KeepalivedConfig config) {
        daemon.reload(map(config, checkersRun.test(config), log));
        Optional<SyncDaemonSpec> spec = LvsConfigMapping.syncDaemon(config);
        boolean master = spec.map(s -> daemon.query(engine -> {
            VirtualRouter r = engine.router(s.instance());
            return r != null && r.state() == VrrpState.MASTER;
        })).orElse(false);
        sync.configure(spec, master);
    }

    @Override
    public void stop() {
        status.vrrp(null);
        daemon.stop();
        sync.close();
    }

    @Override
    public void dumpData(Path directory) {
        Dumps.write(directory.resolve("keepalived.data"), daemon.query(StateDump::data), log);
        Dumps.write(directory.resolve("keepalived.json"), daemon.json(), log);
    }

    @Override
    public void dumpStats(Path directory) {
        Dumps.write(directory.resolve("keepalived.stats"), daemon.query(StateDump::stats), log);
    }
}
