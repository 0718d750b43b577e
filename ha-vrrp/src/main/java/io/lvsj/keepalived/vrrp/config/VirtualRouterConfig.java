package io.lvsj.keepalived.vrrp.config;

import io.lvsj.keepalived.vrrp.wire.Authentication;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code vrrp_instance}, with defaults already applied: what the VRRP engine needs and
 * nothing of the text it came from. The keepalived.conf model maps onto this.
 *
 * @param name                 the instance name, as logs and notifies print it
 * @param interfaceName        {@code interface}
 * @param vrid                 {@code virtual_router_id} 1..255
 * @param priority             base priority 1..255 (255 = address owner)
 * @param initialMaster        {@code state MASTER}
 * @param version              2 or 3 (IPv6 is always 3)
 * @param advertIntervalCentis {@code advert_int} in centiseconds (v2: a multiple of 100)
 * @param virtualAddresses     {@code virtual_ipaddress}: carried in adverts, one family
 * @param excludedAddresses    {@code virtual_ipaddress_excluded}: installed, not carried
 * @param sourceAddress        {@code mcast_src_ip}/{@code unicast_src_ip}, or {@code null} for the interface's
 * @param unicastPeers         {@code unicast_peer}; empty means multicast
 * @param unicastTtl           {@code unicast_ttl}
 * @param authentication       v2 authentication
 * @param nopreempt            {@code nopreempt}
 * @param preemptDelay         {@code preempt_delay}
 * @param downTimerAdverts     {@code down_timer_adverts} (3)
 * @param garp                 gratuitous ARP / NA timing
 * @param tracked              tracked interfaces, scripts and files with their weights
 * @param notifyCommands       notify scripts
 * @param dontTrackPrimary     {@code dont_track_primary}
 * @param lowerPrioNoAdvert    {@code lower_prio_no_advert}
 * @param higherPrioSendAdvert {@code higher_prio_send_advert}
 * @param skipCheckAdvAddr     {@code skip_check_adv_addr}
 * @param checkUnicastSource   {@code check_unicast_src}
 * @param v3Checksum           the v3-over-IPv4 checksum mode
 * @param notifyPriorityChanges {@code notify_priority_changes}
 * @param virtualRoutes        {@code virtual_routes}: installed with the VIPs while MASTER
 * @param peerTtls             {@code unicast_peer { IP min_ttl N max_ttl M }}: the TTL/hop limit range a peer's
 *                             adverts must arrive with (checked with {@code check_unicast_src})
 * @param virtualRules         {@code virtual_rules}: installed after the routes while MASTER
 * @param virtualLink          {@code use_vmac}/{@code use_ipvlan}: the interface made for the instance, or {@code null}
 * @param notifyDeleted        {@code notify_deleted}: an instance a reload removes is notified DELETED, not FAULT
 * @param accept               {@code accept} (default); without it a non-owner master drops traffic to its VIPs
 * @param multicastGroup       where multicast adverts go and which group is joined ({@code mcast_dst_ip}, else
 *                             {@code vrrp_mcast_group4}/{@code vrrp_mcast_group6}); for a unicast instance
 *                             {@code vrrp_mcast_group4}, which its compatible v3 checksum is computed with;
 *                             {@code null}: 224.0.0.18 / ff02::12
 * @param promoteSecondaries   {@code promote_secondaries}: the interface's IPv4 setting of that name is turned on
 * @param configFault          held in FAULT for good by its configuration (keepalived's {@code num_config_faults})
 * @param rxBuffer             what it adds to its receive socket's buffer ({@code kernel_rx_buf_size},
 *                             {@code vrrp_rx_bufs_policy})
 * @param smtpAlert            {@code smtp_alert} (else the global one): its state changes are mailed
 * @param addressVmacs         the VMACs its addresses on other interfaces go on ({@code use_vmac_addr}, a VIP's
 *                             {@code use_vmac})
 */
public record VirtualRouterConfig(String name, String interfaceName, int vrid, int priority, boolean initialMaster,
                                  int version, int advertIntervalCentis, List<VirtualAddress> virtualAddresses,
                                  List<VirtualAddress> excludedAddresses, InetAddress sourceAddress,
                                  List<InetAddress> unicastPeers, int unicastTtl, Authentication authentication,
                                  boolean nopreempt, Duration preemptDelay, int downTimerAdverts, GarpSettings garp,
                                  List<Tracked> tracked, NotifyCommands notifyCommands, boolean dontTrackPrimary,
                                  boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert, boolean skipCheckAdvAddr,
                                  boolean checkUnicastSource, V3Checksum v3Checksum, boolean notifyPriorityChanges,
                                  List<VirtualRoute> virtualRoutes, Map<InetAddress, TtlRange> peerTtls,
                                  List<VirtualRule> virtualRules,
                                  VirtualLink virtualLink, boolean accept, boolean notifyDeleted,
                                  InetAddress multicastGroup, boolean promoteSecondaries, boolean configFault,
                                  RxBuffer rxBuffer, boolean smtpAlert, List<AddressVmac> addressVmacs) {
    public VirtualRouterConfig {
        Objects.requireNonNull(name, "name");
        rxBuffer = rxBuffer == null ? RxBuffer.NONE : rxBuffer;
        addressVmacs = addressVmacs == null ? List.of() : List.copyOf(addressVmacs);
        if (vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException(name + ": virtual_router_id must be 1..255");
        }
        if (priority < 1 || priority > 255) {
            throw new IllegalArgumentException(name + ": priority must be 1..255");
        }
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException(name + ": version must be 2 or 3");
        }
        virtualAddresses = List.copyOf(virtualAddresses);
        excludedAddresses = List.copyOf(excludedAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        tracked = List.copyOf(tracked);
        virtualRoutes = virtualRoutes == null ? List.of() : List.copyOf(virtualRoutes);
        virtualRules = virtualRules == null ? List.of() : List.copyOf(virtualRules);
        peerTtls = peerTtls == null ? Map.of() : Map.copyOf(peerTtls);
        if (!virtualAddresses.isEmpty() && !virtualAddresses.getFirst().isIpv4() && version != 3) {
            throw new IllegalArgumentException(name + ": IPv6 needs VRRP version 3");
        }
        authentication = authentication == null ? Authentication.NONE : authentication;
        notifyCommands = notifyCommands == null ? NotifyCommands.NONE : notifyCommands;
        garp = garp == null ? GarpSettings.DEFAULTS : garp;
        v3Checksum = v3Checksum == null ? V3Checksum.PSEUDO_HEADER : v3Checksum;
        preemptDelay = preemptDelay == null ? Duration.ZERO : preemptDelay;
    }

    /** A multicast instance with keepalived's defaults for everything not given. */
    public static VirtualRouterConfig of(String name, String interfaceName, int vrid, int priority, int version,
                                         int advertIntervalCentis, List<VirtualAddress> vips) {
        return builder(name, interfaceName, vrid).priority(priority).version(version)
                .advertIntervalCentis(advertIntervalCentis).virtualAddresses(vips).build();
    }

    /** The address VMAC {@code address} goes on, if any. */
    public AddressVmac addressVmacOf(VirtualAddress address) {
        String device = address.deviceOr(interfaceName);
        for (AddressVmac a : addressVmacs) {
            if (a.carries(device, !address.isIpv4())) {
                return a;
            }
        }
        return null;
    }

    public static Builder builder(String name, String interfaceName, int vrid) {
        return new Builder(name, interfaceName, vrid);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, interfaceName, vrid);
        b.priority = priority;
        b.initialMaster = initialMaster;
        b.version = version;
        b.advertIntervalCentis = advertIntervalCentis;
        b.virtualAddresses = virtualAddresses;
        b.excludedAddresses = excludedAddresses;
        b.sourceAddress = sourceAddress;
        b.unicastPeers = unicastPeers;
        b.unicastTtl = unicastTtl;
        b.authentication = authentication;
        b.nopreempt = nopreempt;
        b.preemptDelay = preemptDelay;
        b.downTimerAdverts = downTimerAdverts;
        b.garp = garp;
        b.tracked = tracked;
        b.notifyCommands = notifyCommands;
        b.dontTrackPrimary = dontTrackPrimary;
        b.lowerPrioNoAdvert = lowerPrioNoAdvert;
        b.higherPrioSendAdvert = higherPrioSendAdvert;
        b.skipCheckAdvAddr = skipCheckAdvAddr;
        b.checkUnicastSource = checkUnicastSource;
        b.v3Checksum = v3Checksum;
        b.notifyPriorityChanges = notifyPriorityChanges;
        b.virtualRoutes = virtualRoutes;
        b.virtualRules = virtualRules;
        b.peerTtls = peerTtls;
        b.virtualLink = virtualLink;
        b.accept = accept;
        b.notifyDeleted = notifyDeleted;
        b.multicastGroup = multicastGroup;
        b.promoteSecondaries = promoteSecondaries;
        b.configFault = configFault;
        b.rxBuffer = rxBuffer;
        b.smtpAlert = smtpAlert;
        b.addressVmacs = addressVmacs;
        return b;
    }

    /** Builds a config with keepalived's defaults (priority 100, v2, advert_int 1, multicast). */
    public static final class Builder {
        private final String name;
        private final String interfaceName;
        private final int vrid;
        private int priority = 100;
        private boolean initialMaster;
        private int version = 2;
        private int advertIntervalCentis = 100;
        private List<VirtualAddress> virtualAddresses = List.of();
        private List<VirtualAddress> excludedAddresses = List.of();
        private InetAddress sourceAddress;
        private List<InetAddress> unicastPeers = List.of();
        private int unicastTtl = 255;
        private Authentication authentication = Authentication.NONE;
        private boolean nopreempt;
        private Duration preemptDelay = Duration.ZERO;
        private int downTimerAdverts = 3;
        private GarpSettings garp = GarpSettings.DEFAULTS;
        private List<Tracked> tracked = List.of();
        private NotifyCommands notifyCommands = NotifyCommands.NONE;
        private boolean dontTrackPrimary;
        private boolean lowerPrioNoAdvert;
        private boolean higherPrioSendAdvert;
        private boolean skipCheckAdvAddr;
        private boolean checkUnicastSource;
        private V3Checksum v3Checksum = V3Checksum.PSEUDO_HEADER;
        private boolean notifyPriorityChanges;
        private List<VirtualRoute> virtualRoutes = List.of();
        private List<VirtualRule> virtualRules = List.of();
        private Map<InetAddress, TtlRange> peerTtls = Map.of();
        private VirtualLink virtualLink;
        private boolean accept = true;
        private boolean notifyDeleted;
        private InetAddress multicastGroup;
        private boolean promoteSecondaries;
        private boolean configFault;
        private RxBuffer rxBuffer = RxBuffer.NONE;
        private boolean smtpAlert;
        private List<AddressVmac> addressVmacs = List.of();

        private Builder(String name, String interfaceName, int vrid) {
            this.name = name;
            this.interfaceName = interfaceName;
            this.vrid = vrid;
        }

        public Builder priority(int v) { priority = v; return this; }
        public Builder initialMaster(boolean v) { initialMaster = v; return this; }
        public Builder version(int v) { version = v; return this; }
        public Builder advertIntervalCentis(int v) { advertIntervalCentis = v; return this; }
        public Builder virtualAddresses(List<VirtualAddress> v) { virtualAddresses = v; return this; }
        public Builder excludedAddresses(List<VirtualAddress> v) { excludedAddresses = v; return this; }
        public Builder sourceAddress(InetAddress v) { sourceAddress = v; return this; }
        public Builder unicastPeers(List<InetAddress> v) { unicastPeers = v; return this; }
        public Builder unicastTtl(int v) { unicastTtl = v; return this; }
        public Builder authentication(Authentication v) { authentication = v; return this; }
        public Builder nopreempt(boolean v) { nopreempt = v; return this; }
        public Builder preemptDelay(Duration v) { preemptDelay = v; return this; }
        public Builder downTimerAdverts(int v) { downTimerAdverts = v; return this; }
        public Builder garp(GarpSettings v) { garp = v; return this; }
        public Builder tracked(List<Tracked> v) { tracked = v; return this; }
        public Builder notifyCommands(NotifyCommands v) { notifyCommands = v; return this; }
        public Builder dontTrackPrimary(boolean v) { dontTrackPrimary = v; return this; }
        public Builder lowerPrioNoAdvert(boolean v) { lowerPrioNoAdvert = v; return this; }
        public Builder higherPrioSendAdvert(boolean v) { higherPrioSendAdvert = v; return this; }
        public Builder skipCheckAdvAddr(boolean v) { skipCheckAdvAddr = v; return this; }
        public Builder checkUnicastSource(boolean v) { checkUnicastSource = v; return this; }
        public Builder v3Checksum(V3Checksum v) { v3Checksum = v; return this; }
        public Builder notifyPriorityChanges(boolean v) { notifyPriorityChanges = v; return this; }
        public Builder virtualRoutes(List<VirtualRoute> v) { virtualRoutes = v; return this; }
        public Builder virtualRules(List<VirtualRule> v) { virtualRules = v; return this; }
        public Builder peerTtls(Map<InetAddress, TtlRange> v) { peerTtls = v; return this; }
        public Builder virtualLink(VirtualLink v) { virtualLink = v; return this; }
        public Builder accept(boolean v) { accept = v; return this; }
        public Builder notifyDeleted(boolean v) { notifyDeleted = v; return this; }
        public Builder multicastGroup(InetAddress v) { multicastGroup = v; return this; }
        public Builder promoteSecondaries(boolean v) { promoteSecondaries = v; return this; }
        public Builder configFault(boolean v) { configFault = v; return this; }
        public Builder rxBuffer(RxBuffer v) { rxBuffer = v; return this; }
        public Builder smtpAlert(boolean v) { smtpAlert = v; return this; }
        public Builder addressVmacs(List<AddressVmac> v) { addressVmacs = v; return this; }

        public VirtualRouterConfig build() {
            return new VirtualRouterConfig(name, interfaceName, vrid, priority, initialMaster, version,
                    advertIntervalCentis, virtualAddresses, excludedAddresses, sourceAddress, unicastPeers,
                    unicastTtl, authentication, nopreempt, preemptDelay, downTimerAdverts, garp, tracked,
                    notifyCommands, dontTrackPrimary, lowerPrioNoAdvert, higherPrioSendAdvert, skipCheckAdvAddr,
                    checkUnicastSource, v3Checksum, notifyPriorityChanges, virtualRoutes, peerTtls, virtualRules, virtualLink, accept, notifyDeleted,
                    multicastGroup, promoteSecondaries, configFault, rxBuffer, smtpAlert, addressVmacs);
        }
    }

    public boolean isIpv4() {
        return virtualAddresses.isEmpty() ? !(sourceAddress != null && !(sourceAddress instanceof Inet4Address))
                : virtualAddresses.getFirst().isIpv4();
    }

    /** The TTL (hop limit) range a unicast peer's adverts must arrive with. */
    public record TtlRange(int min, int max) {
    }

    /** The group multicast adverts go to and are received on. */
    public byte[] group() {
        if (multicastGroup != null && !isUnicast()) {
            return multicastGroup.getAddress();
        }
        return isIpv4() ? io.lvsj.keepalived.vrrp.wire.Vrrp.GROUP4.getAddress()
                : io.lvsj.keepalived.vrrp.wire.Vrrp.GROUP6.getAddress();
    }

    /** The IPv4 group of keepalived's compatible unicast v3 checksum ({@code vrrp_mcast_group4}). */
    public byte[] checksumGroup() {
        return multicastGroup instanceof Inet4Address g ? g.getAddress()
                : io.lvsj.keepalived.vrrp.wire.Vrrp.GROUP4.getAddress();
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /** keepalived drops traffic to the VIPs of a master that does not accept it (not an address owner). */
    public boolean dropsVipTraffic() {
        return !accept && priority != 255;
    }
}
