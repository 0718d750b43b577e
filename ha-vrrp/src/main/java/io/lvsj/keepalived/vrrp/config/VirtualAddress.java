package io.lvsj.keepalived.vrrp.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One {@code virtual_ipaddress} (or {@code virtual_ipaddress_excluded}, or
 * {@code static_ipaddress}) entry: {@code IP[/LEN] [brd IP] [dev IF] [scope S] [label L]
 * [peer IP] [home] [-nodad] [mngtmpaddr] [noprefixroute] [autojoin] [preferred_lft N]}.
 *
 * @param address       the address
 * @param prefixLength  /LEN; keepalived's default is /32 or /128
 * @param device        {@code dev IF}, or {@code null} for the instance's interface
 * @param scope         the rtnetlink scope number (0 global, 200 site, 253 link, 254 host)
 * @param label         {@code label}, or {@code null}
 * @param broadcast     {@code brd}, or {@code null}
 * @param noTrack       {@code no_track}: deleting it from outside does not make the instance re-elect
 * @param peer          {@code peer}: the other end of a point-to-point address, or {@code null}
 * @param flags         the {@code IFA_F_*} flags it is added with: IPv6 ones get {@code nodad} unless
 *                      configured {@code -nodad}, as keepalived adds them
 * @param preferredLifetime {@code preferred_lft} in seconds ({@link #FOREVER}); keepalived's default for
 *                      an IPv6 /128 is 0, deprecated, so the kernel never picks it as a source address
 */
public record VirtualAddress(InetAddress address, int prefixLength, String device, int scope, String label,
                             InetAddress broadcast, boolean noTrack, InetAddress peer, int flags,
                             long preferredLifetime) {
    /** {@code preferred_lft forever}. */
    public static final long FOREVER = 0xffff_ffffL;
    /** {@code IFA_F_NODAD}. */
    public static final int FLAG_NODAD = 0x02;
    public static final int SCOPE_GLOBAL = 0;
    public static final int SCOPE_SITE = 200;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;

    public VirtualAddress {
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length of " + address.getHostAddress() + " must be 0.." + max);
        }
    }

    /** An address with keepalived's defaults for the rest: no peer, IPv6 without DAD, a /128 deprecated. */
    public VirtualAddress(InetAddress address, int prefixLength, String device, int scope, String label,
                          InetAddress broadcast, boolean noTrack) {
        this(address, prefixLength, device, scope, label, broadcast, noTrack, null,
                address instanceof Inet4Address ? 0 : FLAG_NODAD, defaultPreferredLifetime(address, prefixLength));
    }

    /** keepalived's {@code preferred_lft} when none is configured: 0 for an IPv6 /128, else forever. */
    public static long defaultPreferredLifetime(InetAddress address, int prefixLength) {
        return !(address instanceof Inet4Address) && prefixLength == 128 ? 0 : FOREVER;
    }

    /** {@code IP} alone: a host route-sized address on the instance's interface, scope global. */
    public static VirtualAddress of(InetAddress address) {
        return new VirtualAddress(address, address instanceof Inet4Address ? 32 : 128, null, SCOPE_GLOBAL, null,
                null, false);
    }

    /** {@code IP/LEN}. */
    public static VirtualAddress of(InetAddress address, int prefixLength) {
        return new VirtualAddress(address, prefixLength, null, SCOPE_GLOBAL, null, null, false);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /** The device this address goes on. */
    public String deviceOr(String instanceInterface) {
        return device != null ? device : instanceInterface;
    }

    /** How keepalived prints it in logs and the JSON dump: {@code 192.0.2.10/24 dev eth0 scope global}. */
    public String describe(String instanceInterface) {
        String text = address instanceof Inet4Address ? address.getHostAddress()
                : io.lvsj.text.InetText.ntop(address.getAddress());
        StringBuilder s = new StringBuilder(text).append('/').append(prefixLength);
        s.append(" dev ").append(deviceOr(instanceInterface));
        s.append(" scope ").append(switch (scope) {
            case SCOPE_SITE -> "site";
            case SCOPE_LINK -> "link";
            case SCOPE_HOST -> "host";
            case 255 -> "nowhere";
            default -> "global";
        });
        if (label != null) {
            s.append(" label ").append(label);
        }
        return s.toString();
    }
}
