package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A virtual IP this real server answers for, and how the director reaches it.
 *
 * @param address the VIP
 * @param mode    direct routing (the VIP on a device that does not announce it) or a tunnel
 */
public record Vip(InetAddress address, Mode mode) {

    public Vip {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(mode, "mode");
    }

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /** How packets for the VIP arrive. */
    public sealed interface Mode {
    }

    /** Direct routing: frames to this host's MAC; the VIP sits on {@code device} ({@code lo}, or a dummy made for it). */
    public record Dr(String device) implements Mode {
        public Dr {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String toString() {
            return "dr dev " + device;
        }
    }

    /** A tunnel: IPVS encapsulates (IPIP, GRE, or GUE on UDP {@code port}); the VIP sits on the tunnel device. */
    public record Tun(TunnelType type, int port) implements Mode {
        public Tun {
            Objects.requireNonNull(type, "type");
            if ((type == TunnelType.GUE) != (port != 0) || port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("a GUE tunnel needs a port 1..65535, and only GUE has one");
            }
        }

        @Override
        public String toString() {
            return "tun " + type.name().toLowerCase(java.util.Locale.ROOT) + (port == 0 ? "" : " port " + port);
        }
    }

    @Override
    public String toString() {
        return Addresses.text(address) + " " + mode;
    }
}
