package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.SyncDaemon;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code lvs_sync_daemon IF VI [id N] [maxlen N] [port N] [ttl N] [group IP]}: the kernel's
 * connection-sync daemon, master while VRRP instance {@code instance} is master and backup
 * otherwise. Zero (or empty) leaves a setting to the kernel.
 *
 * @param syncId the {@code id}, else the instance's virtual router id
 */
public record SyncDaemonSpec(String interfaceName, String instance, int syncId, int maxLength, int port, int ttl,
                             Optional<InetAddress> group) {
    public SyncDaemonSpec {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(group, "group");
        if (syncId < 0 || syncId > 255) {
            throw new IllegalArgumentException("sync id out of range 0..255: " + syncId);
        }
    }

    /** The daemon to run in {@code state}. */
    public SyncDaemon daemon(DaemonState state) {
        return new SyncDaemon(state, interfaceName, syncId, maxLength, group.orElse(null), port, ttl);
    }
}
