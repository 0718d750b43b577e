package io.lvsj.rtnl;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param index   interface index
 * @param name    interface name
 * @param flags   {@code IFF_*} flags ({@link #FLAG_UP}, {@link #FLAG_RUNNING}, ...)
 * @param mac     link-layer address, or {@code null} (loopback-like links have none)
 * @param mtu     MTU in bytes
 * @param kind    driver kind from {@code IFLA_LINKINFO} ("veth", "dummy", "bridge"...), or "" when not reported
 * @param operState RFC 2863 operational state ({@code IF_OPER_*}: 6 = up, 2 = down, 0 = unknown)
 * @param type    the hardware type ({@code ARPHRD_*}: {@link #TYPE_ETHER}, {@link #TYPE_LOOPBACK} ...)
 */
public record Link(int index, String name, int flags, MacAddress mac, int mtu, String kind, int operState, int type) {
    public static final int TYPE_ETHER = 1;
    public static final int TYPE_LOOPBACK = 772;
    public static final int FLAG_UP = 0x1;
    public static final int FLAG_BROADCAST = 0x2;
    public static final int FLAG_LOOPBACK = 0x8;
    public static final int FLAG_RUNNING = 0x40;
    public static final int FLAG_MULTICAST = 0x1000;
    public static final int FLAG_LOWER_UP = 0x10000;

    /** A loopback device, by its hardware type or its flags. */
    public boolean isLoopback() {
        return type == TYPE_LOOPBACK || (flags & FLAG_LOOPBACK) != 0;
    }

    public boolean isUp() {
        return (flags & FLAG_UP) != 0;
    }

    /** Administratively up and with carrier: what VRRP's {@code track_interface} wants. */
    public boolean isRunning() {
        return (flags & FLAG_UP) != 0 && (flags & FLAG_RUNNING) != 0;
    }
}
