package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.config.GarpSettings;
import io.lvsj.keepalived.vrrp.config.VirtualAddress;
import io.lvsj.keepalived.vrrp.config.VirtualRouterConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A VRRP flavour on the lab segment (version, family, multicast or unicast, advert interval)
 * and the per-router instance config it means: VRID 51, VIP .100, router {@code i} sourcing
 * from its own address and (in unicast) naming every other router as a peer.
 */
record Segment(int version, boolean ipv6, boolean unicast, int intervalCentis) {
    static final int VRID = 51;

    @Override
    public String toString() {
        return "v" + version + (ipv6 ? " IPv6" : " IPv4") + (unicast ? " unicast" : " multicast") + " "
                + intervalCentis / 100.0 + "s";
    }

    InetAddress vip() {
        return ip(ipv6 ? "2001:db8::100" : "192.0.2.100");
    }

    InetAddress address(int router) {
        return ip(ipv6 ? "2001:db8::" + Integer.toHexString(router) : "192.0.2." + router);
    }

    /** Master_Down_Interval at priority 100, in milliseconds. */
    long masterDownMillis() {
        long interval = intervalCentis * 10L;
        long skew = version == 3 ? 156 * interval / 256 : 609;
        return 3 * interval + skew;
    }

    VirtualRouterConfig.Builder instance(int router, int routers, int priority) {
        VirtualRouterConfig.Builder b = VirtualRouterConfig.builder("VI_1", "eth0", VRID).priority(priority)
                .version(version).advertIntervalCentis(intervalCentis)
                .virtualAddresses(List.of(VirtualAddress.of(vip(), ipv6 ? 64 : 24)))
                // A second burst 2 s later, so captures see it without waiting keepalived's default 5 s.
                .garp(new GarpSettings(Duration.ofSeconds(2), 3, Duration.ZERO, 1, Duration.ofSeconds(2), 3));
        if (unicast) {
            List<InetAddress> peers = new ArrayList<>();
            for (int i = 1; i <= routers; i++) {
                if (i != router) {
                    peers.add(address(i));
                }
            }
            b.sourceAddress(address(router)).unicastPeers(peers);
        }
        return b;
    }

    static List<Segment> all(int v2Interval, int v3Interval) {
        return List.of(new Segment(2, false, false, v2Interval), new Segment(2, false, true, v2Interval),
                new Segment(3, false, false, v3Interval), new Segment(3, false, true, v3Interval),
                new Segment(3, true, false, v3Interval), new Segment(3, true, true, v3Interval));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Makes router {@code i} of the kind at {@code kinds.charAt(i - 1)} in {@code lan}: "j" the
     * keepalived-j engine in this JVM, "c" the keepalived-j command line reading keepalived.conf
     * in a process of its own, "k" Debian's keepalived.
     */
    static Function<Integer, Router> routers(Lan lan, String kinds, Path dir) {
        return i -> switch (kinds.charAt(i - 1)) {
            case 'j' -> new JavaRouter(lan.node(i));
            case 'c' -> new CliRouter(lan.node(i), dir.resolve("router" + i), List.of());
            default -> new KeepalivedRouter(lan.node(i), dir.resolve("router" + i));
        };
    }
}
