package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementView;
import io.lvsj.keepalived.vrrp.wire.InternetChecksum;
import io.lvsj.keepalived.vrrp.wire.V3Checksum;
import io.lvsj.keepalived.vrrp.wire.Vrrp;

/**
 * Whether a received IPv4 advert's VRRP checksum is right (keepalived.md §3.7). VRRPv2 sums the
 * VRRP packet alone (RFC 3768 §5.3.8). VRRPv3 over IPv4 adds a pseudo-header (RFC 5798
 * §5.2.8) naming the packet's real destination, keepalived's default since 1.3.6; builds
 * before that named 224.0.0.18 even in unicast, and {@code v3_checksum_as_v2} leaves the
 * pseudo-header out. IPv6 checksums are the kernel's to verify.
 */
final class AdvertChecksum {
    private AdvertChecksum() {
    }

    static boolean valid(AdvertisementView view, V3Checksum mode) {
        return valid(view, mode, Vrrp.GROUP4.getAddress());
    }

    /** @param group the IPv4 group the compatible checksum names ({@code vrrp_mcast_group4}) */
    static boolean valid(AdvertisementView view, V3Checksum mode, byte[] group) {
        int length = view.expectedVrrpLength();
        long sum = 0;
        if (view.version() == 3 && mode != V3Checksum.NO_PSEUDO_HEADER) {
            sum = InternetChecksum.addWord(sum, view.ipv4Source() >>> 16);
            sum = InternetChecksum.addWord(sum, view.ipv4Source());
            int destination = mode == V3Checksum.PSEUDO_HEADER_MULTICAST_GROUP ? group4(group) : view.ipv4Destination();
            sum = InternetChecksum.addWord(sum, destination >>> 16);
            sum = InternetChecksum.addWord(sum, destination);
            sum = InternetChecksum.addWord(sum, Vrrp.IPPROTO_VRRP);
            sum = InternetChecksum.addWord(sum, length);
        }
        sum = InternetChecksum.add(sum, view.buffer(), view.vrrpOffset(), length);
        return InternetChecksum.finish(sum) == 0;
    }

    private static int group4(byte[] g) {
        return ((g[0] & 0xff) << 24) | ((g[1] & 0xff) << 16) | ((g[2] & 0xff) << 8) | (g[3] & 0xff);
    }
}
