package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;
import io.lvsj.keepalived.vrrp.wire.AdvertisementView;
import io.lvsj.keepalived.vrrp.wire.AuthenticationHeader;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * The checks a received advert must pass before the state machine sees it, in keepalived's
 * order (keepalived.md §3.6), each refusal logged and counted the way keepalived logs and
 * counts it, so operators find the same lines and the same statistics:
 * <ol>
 *   <li>an AH header exactly when we use AH;</li>
 *   <li>long enough for the addresses it announces;</li>
 *   <li>TTL / hop limit 255 (RFC 3768 §7.1), in multicast only: unicast adverts may cross routers;</li>
 *   <li>our VRRP version;</li>
 *   <li>v2: authentication, then the advert interval (a v2 mismatch drops the advert, RFC 3768 §7.1);</li>
 *   <li>type 1, advertisement;</li>
 *   <li>IPv4 total length equal to what arrived;</li>
 *   <li>the checksum, following a unicast peer that uses keepalived's pre-1.3.6 v3 checksum;</li>
 *   <li>sent to the group in multicast mode, to us in unicast mode;</li>
 *   <li>the address count and list equal to ours (keepalived 2.2.7 drops a mismatch; 2.3.3+ only logs);</li>
 *   <li>with {@code check_unicast_src}, from a configured peer.</li>
 * </ol>
 * A v3 interval different from ours is not an error: the backup adopts it (see {@link Election}).
 */
final class AdvertCheck {
    private AdvertCheck() {
    }

    static boolean accepts(VirtualRouter r, Reception in, RouterActions actions) {
        VirtualRouterConfig c = r.config();
        AdvertisementView view = in.view;
        RouterStats stats = r.stats();
        String name = c.name();
        boolean ipv4 = view.isIpv4();
        if (ipv4 && !r.authentication.headerPresent(view, name, stats, actions)) {
            return false;
        }
        int expected = view.expectedVrrpLength()
                + (ipv4 ? view.ipHeaderLength() + (view.hasAuthenticationHeader() ? AuthenticationHeader.LENGTH : 0) : 0);
        if (view.length() < expected) {
            stats.packetLenErr++;
            actions.log("(" + name + ") vrrp packet too short, length " + view.length() + " and expect " + expected);
            return false;
        }
        int ttl = ipv4 ? view.ipTtl() : in.ttl;
        if (!c.isUnicast() && ttl >= 0 && ttl != Vrrp.TTL) {
            stats.ipTtlErr++;
            actions.log("(" + name + ") invalid TTL/HL. Received " + ttl + " and expect " + Vrrp.TTL);
            return false;
        }
        if (view.version() != c.version()) {
            stats.versionErr++;
            actions.log("(" + name + ") wrong version. Received " + view.version() + " and expect " + c.version());
            return false;
        }
        if (c.version() == 2 && !authenticatedWithOurInterval(r, view, actions)) {
            return false;
        }
        if (view.type() != Vrrp.TYPE_ADVERTISEMENT) {
            stats.invalidTypeRcvd++;
            actions.log("(" + name + ") Invalid packet type. " + view.type() + " and expect " + Vrrp.TYPE_ADVERTISEMENT);
            return false;
        }
        if (ipv4 && view.ipTotalLength() != view.length()) {
            stats.packetLenErr++;
            actions.log("(" + name + ") ip total length " + view.ipTotalLength() + " does not match the "
                    + view.length() + " bytes received");
            return false;
        }
        if (ipv4 && !checksumValid(r, view, actions)) {
            return false;
        }
        boolean toGroup = ipv4 ? view.ipv4DestinationIsMulticast() : in.multicast;
        if (toGroup == c.isUnicast()) {
            stats.destinationErr++;
            actions.log("(" + name + ") Expected " + (c.isUnicast() ? "unicast packet but received multicast packet"
                    : "multicast packet but received unicast packet"));
            return false;
        }
        return carriesOurAddresses(r, in, actions) && fromAPeer(r, in, actions);
    }

    private static boolean authenticatedWithOurInterval(VirtualRouter r, AdvertisementView view,
                                                        RouterActions actions) {
        VirtualRouterConfig c = r.config();
        if (view.isIpv4() && !r.authentication.accepts(view, c.isUnicast(), c.name(), r.stats(), actions)) {
            return false;
        }
        if (view.hasAuthenticationHeader()) {
            r.followAhSequence(view.ahSequence());
        }
        int ours = c.advertIntervalCentis() / 100;
        if (view.v2IntervalSeconds() != ours) {
            // keepalived 2.2.7 has this counter but never increments it; we count what we drop.
            r.stats().advertIntervalErr++;
            actions.log("(" + c.name() + ") advertisement interval mismatch mine=" + ours + " sec rcv'd="
                    + view.v2IntervalSeconds() + " sec");
            return false;
        }
        return true;
    }

    private static boolean checksumValid(VirtualRouter r, AdvertisementView view, RouterActions actions) {
        VirtualRouterConfig c = r.config();
        V3Checksum mode = r.oldUnicastChecksum ? V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP : c.v3Checksum();
        if (AdvertChecksum.valid(view, mode, c.checksumGroup())) {
            return true;
        }
        // Debian's keepalived is built with OLD_CHKSUM_COMPAT: a unicast peer still on the
        // pre-1.3.6 v3 checksum is recognised and followed (keepalived.md §3.7).
        if (view.version() == 3 && c.isUnicast() && mode == V3Checksum.PSEUDO_HEADER
                && AdvertChecksum.valid(view, V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP, c.checksumGroup())) {
            r.oldUnicastChecksum = true;
            actions.log("(" + c.name() + ") Setting unicast VRRPv3 checksum to old version");
            return true;
        }
        r.stats().checksumErr++;
        actions.log("(" + c.name() + ") Invalid VRRPv" + view.version() + " checksum");
        return false;
    }

    /**
     * The count and list must equal ours. With {@code skip_check_adv_addr} the list of a master
     * we already follow is trusted (keepalived.conf(5): "the check won't be carried out if the
     * advert is from the same master router as the previous advert received").
     */
    private static boolean carriesOurAddresses(VirtualRouter r, Reception in, RouterActions actions) {
        VirtualRouterConfig c = r.config();
        if (c.skipCheckAdvAddr() && r.masterAddress != null && Arrays.equals(r.masterAddress, in.source())) {
            return true;
        }
        byte[][] ours = r.carriedAddresses();
        if (in.view.count() != ours.length) {
            r.stats().addrListErr++;
            actions.log("(" + c.name() + ") received an unexpected ip number count " + in.view.count() + ", expected "
                    + ours.length + "!");
            return false;
        }
        for (byte[] address : ours) {
            if (!in.view.carries(address)) {
                r.stats().addrListErr++;
                actions.log("(" + c.name() + ") ip address associated with VRID " + c.vrid()
                        + " not present in MASTER advert: " + Addresses.text(address));
                return false;
            }
        }
        return true;
    }

    private static boolean fromAPeer(VirtualRouter r, Reception in, RouterActions actions) {
        VirtualRouterConfig c = r.config();
        if (!c.isUnicast() || !c.checkUnicastSource()) {
            return true;
        }
        byte[] source = in.source();
        for (InetAddress peer : c.unicastPeers()) {
            if (Arrays.equals(peer.getAddress(), source)) {
                VirtualRouterConfig.TtlRange range = c.peerTtls().get(peer);
                int ttl = in.view.isIpv4() ? in.view.ipTtl() : in.ttl;
                if (range != null && ttl >= 0 && (ttl < range.min() || ttl > range.max())) {
                    r.stats().ipTtlErr++;
                    actions.log("(" + c.name() + ") TTL/HL " + ttl + " not in range " + range.min() + " - "
                            + range.max());
                    return false;
                }
                return true;
            }
        }
        r.stats().peerErr++;
        actions.log("(" + c.name() + ") unicast source address " + Addresses.text(source) + " not a unicast peer");
        return false;
    }
}
