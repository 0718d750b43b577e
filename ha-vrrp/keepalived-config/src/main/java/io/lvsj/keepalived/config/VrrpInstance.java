package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@code vrrp_instance}, with keepalived's defaults and corrections applied: version,
 * priority (100, or 255 for {@code state MASTER} without one), advert interval rounded to what
 * the version can carry, accept mode, the multicast group, the GARP timing inherited from
 * {@code global_defs}, and so on. Interface names are as configured; keepalived resolves them
 * (and VMAC names) when it starts. {@code configFaults} counts what keepalived found wrong
 * with the instance that holds it in FAULT for good (keepalived's {@code num_config_faults}:
 * unicast without peers with {@code unicast_fault_no_peer}, an IPv4 ipvlan without an address...).
 * {@code useVmacAddress} is {@code use_vmac_addr}, with or without {@code use_vmac}.
 */
public record VrrpInstance(Location location, String name, State initialState, Optional<String> interfaceName,
                           Optional<String> vrf, boolean ipv6, int virtualRouterId, int priority, int version,
                           Duration advertInterval, List<IpAddress> virtualAddresses,
                           List<IpAddress> excludedAddresses, List<Route> virtualRoutes, List<Rule> virtualRules,
                           Optional<InetAddress> sourceAddress, boolean trackSourceAddress,
                           Optional<InetAddress> multicastGroup, List<UnicastPeer> unicastPeers, int unicastTtl,
                           boolean checkUnicastSource, boolean unicastFaultNoPeer, ChecksumCompatibility oldUnicastChecksum,
                           Optional<Authentication> authentication, boolean strict, boolean accept,
                           boolean nopreempt, Duration preemptDelay, boolean skipCheckAdvertAddresses,
                           boolean dontTrackPrimary, List<Tracked> trackInterfaces, List<Tracked> trackScripts,
                           List<Tracked> trackFiles, List<Tracked> trackProcesses, List<Tracked> trackBfds,
                           NotifyScripts notifyScripts, boolean notifyDeleted, boolean smtpAlert, boolean notifyPriorityChanges,
                           Garp garp, int downTimerAdverts, boolean lowerPriorityNoAdvert,
                           boolean higherPrioritySendAdvert, Optional<Vmac> vmac, Optional<Ipvlan> ipvlan,
                           boolean promoteSecondaries, boolean linkbeatUsePolling, int debug,
                           long kernelRxBufferSize, Optional<String> syncGroup, int configFaults,
                           boolean useVmacAddress) {

    /** The state an instance wants at start-up. */
    public enum State { MASTER, BACKUP }

    /** {@code old_unicast_checksum}: whether to use the pre-1.3.6 unicast VRRPv3 checksum. */
    public enum ChecksumCompatibility { AUTO, ALWAYS, NEVER }

    /** {@code authentication { auth_type PASS|AH; auth_pass ... }} (VRRPv2 only); the password is at most 8 bytes. */
    public record Authentication(Type type, String password) {
        public enum Type { PASS, AH }
    }

    /** {@code unicast_peer} entry: the peer and the TTL range its adverts must arrive with. */
    public record UnicastPeer(InetAddress address, int minTtl, int maxTtl) {
    }

    /**
     * Gratuitous ARP / unsolicited NA timing: second burst after {@code delay}, {@code repeat}
     * per burst, periodic refresh (zero = off), lower-priority bursts, and periodic GARPs on
     * other interfaces ({@code garp_extra_if}).
     */
    public record Garp(Duration delay, int repeat, Duration refresh, int refreshRepeat, Duration lowerPriorityDelay,
                       int lowerPriorityRepeat, Optional<Duration> extraInterfacesInterval, boolean extraInterfacesAll) {
    }

    /** {@code use_vmac [NAME] [MAC]}, {@code use_vmac_addr}, {@code vmac_xmit_base}. */
    public record Vmac(Optional<String> name, Optional<String> mac, boolean useVmacAddress, boolean transmitOnBase) {
    }

    /** {@code use_ipvlan [NAME] [ADDRESS[/LEN]] [bridge|private|vepa]}. */
    public record Ipvlan(Optional<String> name, Optional<IpAddress> address, Optional<String> mode) {
    }

    public VrrpInstance {
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        trackFiles = List.copyOf(trackFiles);
        trackProcesses = List.copyOf(trackProcesses);
        trackBfds = List.copyOf(trackBfds);
    }

    /** True when adverts go to unicast peers rather than the multicast group. */
    public boolean unicast() {
        return !unicastPeers.isEmpty();
    }
}
