package io.lvsj.rtnl;

import java.net.InetAddress;

/**
 * An ARP (IPv4) or neighbour-discovery (IPv6) cache entry.
 *
 * @param interfaceIndex the interface
 * @param address        the neighbour's IP address
 * @param mac            its link-layer address, or {@code null} while unresolved
 * @param state          {@code NUD_*} bits ({@link #REACHABLE}, {@link #STALE}, {@link #PERMANENT} ...)
 */
public record Neighbour(int interfaceIndex, InetAddress address, MacAddress mac, int state) {
    public static final int INCOMPLETE = 0x01;
    public static final int REACHABLE = 0x02;
    public static final int STALE = 0x04;
    public static final int DELAY = 0x08;
    public static final int PROBE = 0x10;
    public static final int FAILED = 0x20;
    public static final int NOARP = 0x40;
    public static final int PERMANENT = 0x80;
}
