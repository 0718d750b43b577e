package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code global_defs} and the process-wide root keywords, with keepalived's defaults. Grouped
 * as keepalived's man page groups them.
 */
public record GlobalDefs(Namespaces namespaces, Notification notification, Scripts scripts, Processes processes,
                         VrrpDefaults vrrp, Lvs lvs, Firewall firewall, Fifos fifos, Snmp snmp, Dbus dbus,
                         NetlinkBuffers buffers, Files files, Optional<StatusEndpoint> statusEndpoint) {

    /** Root keywords outside {@code global_defs}: {@code net_namespace}, {@code instance}, ... */
    public record Namespaces(Optional<String> netNamespace, Optional<String> netNamespaceIpvs,
                             boolean namespaceWithIpsets, boolean usePidDir, Optional<String> instance,
                             long childWaitTime, boolean linkbeatUsePolling) {
    }

    /** {@code router_id}, e-mail and SMTP alerts. The smtp_* alert switches are unset unless configured. */
    public record Notification(String routerId, List<String> emails, Optional<String> emailFrom,
                               Optional<String> smtpServer, int smtpPort, Optional<String> smtpHeloName,
                               Duration smtpConnectTimeout, Optional<Boolean> smtpAlert, Optional<Boolean> smtpAlertVrrp,
                               Optional<Boolean> smtpAlertChecker, boolean checkerLogAllFailures, boolean noEmailFaults,
                               boolean noCheckerEmails) {
        public Notification {
            emails = List.copyOf(emails);
        }
    }

    /** Script execution: start-up/shut-down scripts, the default user, script security. */
    public record Scripts(Optional<Script> startup, long startupTimeout, Optional<Script> shutdown,
                          long shutdownTimeout, Optional<String> scriptUser, Optional<String> scriptGroup,
                          boolean scriptSecurity) {
    }

    /** Process names and scheduling for each of keepalived's processes. */
    public record Processes(Optional<String> processName, Optional<String> vrrpProcessName,
                            Optional<String> checkerProcessName, Optional<String> bfdProcessName,
                            Tuning vrrp, Tuning checker, Tuning bfd, OptionalInt maxAutoPriority,
                            long minAutoPriorityDelay, OptionalInt umask, OptionalLong randomSeed) {
    }

    /** {@code *_priority}, {@code *_no_swap}, {@code *_rt_priority}, {@code *_cpu_affinity}, {@code *_rlimit_rttime}. */
    public record Tuning(int priority, boolean noSwap, OptionalInt realtimePriority, Set<Integer> cpuAffinity,
                         long rlimitRealtime) {
        public static final long DEFAULT_RLIMIT = 10_000;

        public Tuning {
            cpuAffinity = Set.copyOf(cpuAffinity);
        }
    }

    /** VRRP defaults for every instance, and VRRP process settings. */
    public record VrrpDefaults(InetAddress multicastGroup4, InetAddress multicastGroup6, Duration garpMasterDelay,
                               int garpMasterRepeat, Duration garpMasterRefresh, int garpMasterRefreshRepeat,
                               Optional<Duration> garpLowerPriorityDelay, OptionalInt garpLowerPriorityRepeat,
                               int downTimerAdverts, Duration garpInterval, Duration gnaInterval,
                               Optional<Duration> garpExtraInterfaces, boolean garpExtraInterfacesAll,
                               boolean lowerPriorityNoAdvert, boolean higherPrioritySendAdvert, int version,
                               boolean checkUnicastSource, boolean skipCheckAdvertAddresses, boolean strict,
                               boolean notifyPriorityChanges, boolean fifoWriteStatesOnReload,
                               boolean dynamicInterfaces, boolean allowInterfaceChanges, String defaultInterface,
                               boolean disableLocalIgmp, Optional<RxBuffers> rxBuffers, int rxBuffersMultiplier,
                               Duration startupDelay, boolean logUnknownVrids, Optional<String> vmacPrefix,
                               Optional<String> vmacAddressPrefix) {
    }

    /** {@code vrrp_rx_bufs_policy MTU|ADVERT|SIZE}. */
    public record RxBuffers(Optional<String> policy, OptionalLong size) {
    }

    /**
     * IPVS: timeouts, flushing, the sync daemon, notifications at start-up.
     *
     * @param sloppyTcp  keepalived-j's {@code lvs_sloppy_tcp}: the value for {@code net.ipv4.vs.sloppy_tcp}
     *                   (a director takes over TCP flows mid-stream); empty = leave the kernel's value
     * @param sloppySctp the same for {@code sloppy_sctp} ({@code lvs_sloppy_sctp})
     * @param routingDaemon keepalived-j's {@code routing_daemon}: the daemon that announces the
     *                   {@code vip_bind_dev} VIPs, which keepalived-j asks whether it runs and has
     *                   a BGP session, to say so in its log
     */
    public record Lvs(OptionalLong tcpTimeout, OptionalLong tcpFinTimeout, OptionalLong udpTimeout, boolean flush,
                      FlushOnStop flushOnStop, Optional<SyncDaemon> syncDaemon, boolean rsInitNotifies,
                      Optional<Boolean> sloppyTcp, Optional<Boolean> sloppySctp, Optional<RoutingDaemon> routingDaemon) {
    }

    /**
     * {@code routing_daemon bird [SOCKET]} (BIRD's control socket, default {@code /run/bird/bird.ctl})
     * or {@code routing_daemon frr [DIRECTORY]} (where bgpd's {@code bgpd.vty} is, default
     * {@code /run/frr}).
     */
    public record RoutingDaemon(Kind kind, String control) {
        public enum Kind { BIRD, FRR }
    }

    /** {@code lvs_flush_on_stop [VS]}. */
    public enum FlushOnStop { NONE, FULL, VS }

    /**
     * {@code lvs_sync_daemon IF [inst] VI [id N] [maxlen N] [port N] [ttl N] [group IP]}: the
     * kernel's connection sync, following instance {@code instance} (or both roles without one).
     */
    public record SyncDaemon(String interfaceName, Optional<String> instance, OptionalInt syncId, OptionalInt maxLength,
                             OptionalInt port, OptionalInt ttl, Optional<InetAddress> group) {
    }

    /** nftables for VRRP (no_accept, VMACs) and for IPVS virtual server groups. */
    public record Firewall(Optional<String> vrrpTable, int vrrpPriority, boolean vrrpIfindex,
                           Optional<String> ipvsTable, int ipvsPriority, long ipvsStartFwmark, boolean counters) {
    }

    /** The notification FIFOs. */
    public record Fifos(Optional<Fifo> global, Optional<Fifo> vrrp, Optional<Fifo> lvs) {
    }

    /** A FIFO name, its owner, and the script started to read it. */
    public record Fifo(Optional<String> name, Optional<String> user, Optional<String> group, Optional<Script> script) {
    }

    public record Snmp(Optional<String> socket, boolean traps, boolean vrrp, boolean rfcV2, boolean rfcV3,
                       boolean checker) {
    }

    public record Dbus(boolean enabled, Optional<String> serviceName) {
    }

    /** Netlink receive buffer sizes (0 = kernel default). */
    public record NetlinkBuffers(long vrrpCommand, boolean vrrpCommandForce, long vrrpMonitor, boolean vrrpMonitorForce,
                                 long processMonitor, boolean processMonitorForce, long lvsCommand,
                                 boolean lvsCommandForce, long lvsMonitor, boolean lvsMonitorForce) {
    }

    /**
     * keepalived-j's extension {@code metrics_listen [ADDRESS [PORT]]}: serve {@code /metrics},
     * {@code /state} and {@code /healthz} over HTTP there (off unless configured).
     */
    public record StatusEndpoint(InetAddress address, int port) {
        /** LVS-J's port for keepalived-j's endpoint when the configuration names none. */
        public static final int DEFAULT_PORT = 9650;
    }

    /** Reload and file settings. */
    public record Files(Optional<String> reloadCheckConfig, Optional<String> reloadTimeFile, boolean reloadRepeat,
                        Optional<String> reloadFile, Optional<String> configSaveDirectory,
                        Optional<String> tmpConfigDirectory, boolean dataUseInstance, Optional<String> includeCheck) {
    }
}
