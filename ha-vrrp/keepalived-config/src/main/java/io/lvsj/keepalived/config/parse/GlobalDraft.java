package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.GlobalDefs;
import io.lvsj.keepalived.config.Script;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code global_defs} while it is being read: keepalived's {@code global_data}. Times in microseconds. */
final class GlobalDraft {
    // root keywords
    String netNamespace;
    String netNamespaceIpvs;
    boolean namespaceWithIpsets;
    boolean usePidDir;
    String instance;
    long childWaitTime = 5;
    boolean linkbeatUsePolling;

    // identity and mail
    String routerId;
    final List<String> emails = new ArrayList<>();
    String emailFrom;
    String smtpServer;
    int smtpPort = 25;
    String smtpHelo;
    long smtpConnectTimeout;
    Boolean smtpAlert;
    Boolean smtpAlertVrrp;
    Boolean smtpAlertChecker;
    boolean checkerLogAllFailures;
    boolean noEmailFaults;
    boolean noCheckerEmails;

    // scripts
    Script startupScript;
    long startupScriptTimeout;
    Script shutdownScript;
    long shutdownScriptTimeout;
    String scriptUser;
    String scriptGroup;
    boolean scriptUserFailed;
    boolean scriptSecurity;

    // processes
    String processName;
    String vrrpProcessName;
    String checkerProcessName;
    String bfdProcessName;
    final Tuning vrrpTuning = new Tuning();
    final Tuning checkerTuning = new Tuning();
    final Tuning bfdTuning = new Tuning();
    Integer maxAutoPriority;
    long minAutoPriorityDelay = 1_000_000;
    Integer umask;
    Long randomSeed;

    // VRRP defaults
    InetAddress mcastGroup4 = Addresses.parse("224.0.0.18");
    InetAddress mcastGroup6 = Addresses.parse("ff02::12");
    long garpDelay = 5 * Numbers.TIMER_HZ;
    long garpRepeat = 5;
    long garpRefresh;
    long garpRefreshRepeat = 1;
    Long garpLowerPrioDelay;
    Long garpLowerPrioRepeat;
    long downTimerAdverts = 3;
    long garpInterval;
    long gnaInterval;
    long garpExtraIf;
    boolean garpExtraIfAll;
    boolean lowerPrioNoAdvert;
    boolean higherPrioSendAdvert;
    int vrrpVersion = 2;
    boolean checkUnicastSrc;
    boolean skipCheckAdvAddr;
    boolean strict;
    boolean notifyPriorityChanges;
    boolean fifoWriteStatesOnReload;
    boolean dynamicInterfaces;
    boolean allowIfChanges;
    String defaultInterface;
    boolean disableLocalIgmp;
    String rxBufsPolicy;
    Long rxBufsSize;
    long rxBufsMultiplier = 3;
    long startupDelay;
    boolean logUnknownVrids;
    String vmacPrefix;
    String vmacAddrPrefix;

    // LVS
    Long lvsTcpTimeout;
    Long lvsTcpFinTimeout;
    Long lvsUdpTimeout;
    boolean lvsFlush;
    /** keepalived-j's lvs_sloppy_tcp / lvs_sloppy_sctp; null = leave the kernel's value. */
    Boolean lvsSloppyTcp;
    Boolean lvsSloppySctp;
    /** keepalived-j's routing_daemon. */
    io.lvsj.keepalived.config.GlobalDefs.RoutingDaemon routingDaemon;
    GlobalDefs.FlushOnStop lvsFlushOnStop = GlobalDefs.FlushOnStop.NONE;
    String syncdInterface;
    String syncdInstance;
    Integer syncdId;
    Integer syncdMaxLen;
    Integer syncdPort;
    Integer syncdTtl;
    InetAddress syncdGroup;
    boolean rsInitNotifies;

    // firewall
    String vrrpNfTable;
    int vrrpNfPriority = -1;
    boolean vrrpNfIfindex;
    String ipvsNfTable;
    int ipvsNfPriority = -1;
    long ipvsNfStartFwmark = 1000;
    boolean nfCounters;

    // fifos
    final Fifo notifyFifo = new Fifo();
    final Fifo vrrpNotifyFifo = new Fifo();
    final Fifo lvsNotifyFifo = new Fifo();

    // keepalived-j's metrics_listen
    GlobalDefs.StatusEndpoint statusEndpoint;
    // snmp, dbus
    String snmpSocket;
    boolean snmpTraps;
    boolean snmpVrrp;
    boolean snmpRfcV2;
    boolean snmpRfcV3;
    boolean snmpChecker;
    boolean dbus;
    String dbusServiceName;

    // buffers
    long vrrpNetlinkCmd;
    boolean vrrpNetlinkCmdForce;
    long vrrpNetlinkMonitor;
    boolean vrrpNetlinkMonitorForce;
    long processMonitor;
    boolean processMonitorForce;
    long lvsNetlinkCmd;
    boolean lvsNetlinkCmdForce;
    long lvsNetlinkMonitor;
    boolean lvsNetlinkMonitorForce;

    // files
    String reloadCheckConfig;
    String reloadTimeFile;
    boolean reloadRepeat;
    String reloadFile;
    String configSaveDir;
    String tmpConfigDirectory;
    boolean dataUseInstance;
    String includeCheck;

    /** Process scheduling for one of keepalived's processes. */
    static final class Tuning {
        int priority;
        boolean noSwap;
        Integer realtimePriority;
        final Set<Integer> cpus = new LinkedHashSet<>();
        long rlimit = GlobalDefs.Tuning.DEFAULT_RLIMIT;

        GlobalDefs.Tuning build() {
            return new GlobalDefs.Tuning(priority, noSwap, Drafts.optionalInt(realtimePriority), cpus, rlimit);
        }
    }

    /** A notification FIFO being configured. */
    static final class Fifo {
        String name;
        String user;
        String group;
        Script script;

        java.util.Optional<GlobalDefs.Fifo> build() {
            if (name == null && script == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new GlobalDefs.Fifo(java.util.Optional.ofNullable(name),
                    java.util.Optional.ofNullable(user), java.util.Optional.ofNullable(group),
                    java.util.Optional.ofNullable(script)));
        }
    }
}
