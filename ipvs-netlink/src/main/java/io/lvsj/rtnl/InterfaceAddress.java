package io.lvsj.rtnl;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.text.InetText;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address on an interface: a VIP, in this project's words, when VRRP owns it.
 *
 * @param interfaceIndex the interface
 * @param address        the local address ({@code IFA_LOCAL}; for IPv6, {@code IFA_ADDRESS})
 * @param prefixLength   0..32 or 0..128
 * @param scope          its scope
 * @param label          IPv4 label such as {@code eth0:vip}, or "" (IPv6 has none)
 * @param broadcast      IPv4 broadcast address, or {@code null}
 * @param flags          {@code IFA_F_*} flags as reported (0 when adding)
 * @param preferredLifetime seconds the address stays preferred ({@link #FOREVER} by default); keepalived
 *                          gives IPv6 VIPs 0 so the kernel never picks them as a source address
 * @param validLifetime  seconds the address stays at all ({@link #FOREVER} by default)
 * @param peer           the other end of a point-to-point address ({@code ip addr add A peer P}; sent
 *                       as {@code IFA_ADDRESS}), or {@code null}
 */
public record InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, Scope scope,
                               String label, InetAddress broadcast, int flags,
                               long preferredLifetime, long validLifetime, InetAddress peer) {

    /** The lifetime the kernel reports as {@code 0xffffffff}: no expiry. */
    public static final long FOREVER = 0xffffffffL;

    /** {@code IFA_F_NODAD}: skip duplicate address detection (keepalived sets it on IPv6 VIPs). */
    public static final int FLAG_NODAD = 0x02;
    /** {@code IFA_F_TENTATIVE}: IPv6 DAD not finished. */
    public static final int FLAG_TENTATIVE = 0x40;

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scope, "scope");
        label = label == null ? "" : label;
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + address);
        }
        if (label.length() > 15) {
            throw new IllegalArgumentException("label longer than 15 characters: " + label);
        }
        if (preferredLifetime < 0 || preferredLifetime > FOREVER || validLifetime < 0 || validLifetime > FOREVER) {
            throw new IllegalArgumentException("lifetimes are 0.." + FOREVER + " seconds");
        }
        if (peer != null && (peer instanceof Inet4Address) != (address instanceof Inet4Address)) {
            throw new IllegalArgumentException("peer " + peer.getHostAddress() + " is not of the family of "
                    + address.getHostAddress());
        }
    }

    /** An address with these lifetimes and no peer. */
    public InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, Scope scope,
                            String label, InetAddress broadcast, int flags, long preferredLifetime, long validLifetime) {
        this(interfaceIndex, address, prefixLength, scope, label, broadcast, flags, preferredLifetime, validLifetime,
                null);
    }

    /** An address that never expires. */
    public InterfaceAddress(int interfaceIndex, InetAddress address, int prefixLength, Scope scope,
                            String label, InetAddress broadcast, int flags) {
        this(interfaceIndex, address, prefixLength, scope, label, broadcast, flags, FOREVER, FOREVER);
    }

    /** The same address with these lifetimes. */
    public InterfaceAddress withLifetimes(long preferred, long valid) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, label, broadcast, flags, preferred, valid,
                peer);
    }

    /** The same address as the local end of a point-to-point link to {@code other}. */
    public InterfaceAddress withPeer(InetAddress other) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, scope, label, broadcast, flags,
                preferredLifetime, validLifetime, other);
    }

    /** A global-scope address with no label or broadcast. */
    public static InterfaceAddress of(int interfaceIndex, InetAddress address, int prefixLength) {
        return new InterfaceAddress(interfaceIndex, address, prefixLength, Scope.GLOBAL, "", null, 0);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** Same interface, address and prefix: what the kernel uses to tell addresses apart. */
    public boolean sameAs(InterfaceAddress other) {
        return interfaceIndex == other.interfaceIndex && address.equals(other.address)
                && prefixLength == other.prefixLength;
    }

    @Override
    public String toString() {
        return InetText.ntop(address) + "/" + prefixLength
                + " dev#" + interfaceIndex + (label.isEmpty() ? "" : " label " + label);
    }
}
