package io.lvsj.keepalived.daemon;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.keepalived.lvs.SyncDaemonSpec;
import io.lvsj.keepalived.lvs.SyncDaemons;
import io.lvsj.keepalived.vrrp.VrrpState;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.util.Optional;

/**
 * {@code lvs_sync_daemon} as keepalived's VRRP process runs it: the kernel's sync daemon is
 * backup, master while its VRRP instance is master, and stopped at shutdown. It follows the
 * instance through the VRRP daemon's transitions ({@link #entered}, on the notify thread), so
 * the VRRP core knows nothing of it. IPVS is opened only when a sync daemon is configured; a
 * kernel without IPVS is logged and VRRP carries on, as keepalived does.
 */
final class SyncDaemonLink implements AutoCloseable {
    private final NetNamespace namespace;
    private final Logger log;
    private IpvsClient ipvs;
    private SyncDaemons daemons;

    SyncDaemonLink(NetNamespace namespace, Logger log) {
        this.namespace = namespace;
        this.log = log;
    }

    /** At start and reload: runs {@code spec} (or none) as backup, or as master if its instance is master. */
    synchronized void configure(Optional<SyncDaemonSpec> spec, boolean instanceIsMaster) {
        if (spec.isEmpty() && daemons == null) {
            return;
        }
        if (daemons == null) {
            try {
                ipvs = IpvsClient.open(namespace);
            } catch (NetlinkException e) {
                log.info("IPVS: cannot run lvs_sync_daemon: " + e.getMessage());
                return;
            }
            daemons = new SyncDaemons(ipvs, log);
        }
        daemons.configure(spec, instanceIsMaster);
    }

    /** An instance entered {@code state} (called on the VRRP notify thread). */
    synchronized void entered(String instance, VrrpState state) {
        if (daemons != null && follows(state)) {
            daemons.instanceState(instance, state == VrrpState.MASTER);
        }
    }

    /**
     * Whether the sync daemon follows an instance into {@code state}. An instance that stops
     * (shutdown) or is deleted (reload) is not "no longer master": turning the daemon into a
     * backup there would start a backup daemon only for {@link #close} or the reload to stop it
     * again a moment later, and in the lab stopping it then took the kernel over 30 s.
     */
    static boolean follows(VrrpState state) {
        return state != VrrpState.STOP && state != VrrpState.DELETED;
    }

    /** Shutdown: the sync daemon stops with VRRP. */
    @Override
    public synchronized void close() {
        if (daemons != null) {
            daemons.stop();
            ipvs.close();
            daemons = null;
        }
    }
}
