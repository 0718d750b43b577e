package io.lvsj.keepalived.vrrp;

import io.lvsj.keepalived.vrrp.wire.AdvertisementView;

/**
 * One received advert and what the socket said about it. The receive loop owns one per
 * socket and refills it for every datagram, so receiving allocates nothing.
 */
public final class Reception {
    public final AdvertisementView view = new AdvertisementView();
    /** The IP source (4 or 16 bytes; the shell picks the array of the right length). */
    public final byte[] source4 = new byte[4];
    public final byte[] source6 = new byte[16];
    /** TTL / hop limit, or -1 when the kernel did not say. */
    public int ttl = -1;
    /** Whether the destination was a multicast address (IPv6: from IPV6_PKTINFO). */
    public boolean multicast;

    public byte[] source() {
        return view.isIpv4() ? source4 : source6;
    }
}
