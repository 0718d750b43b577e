package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.wire.Pcap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** tcpdump on the client's interface, writing a pcap the test reads back (ARP, ICMPv6 and VRRP). */
final class Capture implements AutoCloseable {
    private final Process tcpdump;
    private final Path file;

    private Capture(Process tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /** Captures on the client's eth0: broadcasts and multicasts, as any host on the segment sees them. */
    static Capture start(String namespace, Path file) {
        return start(namespace, "eth0", file);
    }

    /** Captures on {@code device} in {@code namespace} (a bridge port sees the unicast adverts to its router). */
    static Capture start(String namespace, String device, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path err = file.resolveSibling(file.getFileName() + ".err");
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", device, "-U", "-s", "0",
                    "-w", file.toString(), "arp or icmp6 or proto 112 or proto 51")
                    .redirectErrorStream(true).redirectOutput(err.toFile()).start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(Files.exists(err) && Files.readString(err).contains("listening on"))) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new AssertionError("tcpdump did not start: " + (Files.exists(err) ? Files.readString(err) : ""));
                }
                VipWatch.sleep(20);
            }
            return new Capture(p, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Pcap.Frame> frames() {
        return Pcap.readFile(file);
    }

    /** Gratuitous ARPs for {@code vip} sent from {@code mac}. */
    long gratuitousArps(byte[] mac, byte[] vip) {
        return frames().stream().map(Pcap.Frame::bytes)
                .filter(b -> b.length >= 42 && (b[12] & 0xff) == 0x08 && b[13] == 0x06)
                .filter(b -> Arrays.equals(b, 6, 12, mac, 0, 6))
                .filter(b -> Arrays.equals(b, 28, 32, vip, 0, 4) && Arrays.equals(b, 38, 42, vip, 0, 4))
                .count();
    }

    /** Unsolicited neighbour advertisements for {@code vip} from {@code mac}. */
    long neighbourAdvertisements(byte[] mac, byte[] vip) {
        return frames().stream().map(Pcap.Frame::bytes)
                .filter(b -> b.length >= 86 && (b[12] & 0xff) == 0x86 && (b[13] & 0xff) == 0xdd)
                .filter(b -> (b[14 + 6] & 0xff) == 58 && (b[14 + 40] & 0xff) == 136)
                .filter(b -> Arrays.equals(b, 6, 12, mac, 0, 6))
                .filter(b -> Arrays.equals(b, 14 + 48, 14 + 64, vip, 0, 16))
                .count();
    }

    /** GARPs for an IPv4 VIP, NAs for an IPv6 one. */
    long announcements(byte[] mac, byte[] vip) {
        return vip.length == 4 ? gratuitousArps(mac, vip) : neighbourAdvertisements(mac, vip);
    }

    /** Adverts seen with VRID {@code vrid} and priority {@code priority}, from a source MAC. */
    long adverts(byte[] mac, int vrid, int priority) {
        return frames().stream().map(Pcap.Frame::bytes).filter(b -> Arrays.equals(b, 6, 12, mac, 0, 6))
                .filter(b -> {
                    int type = ((b[12] & 0xff) << 8) | (b[13] & 0xff);
                    int vrrp;
                    if (type == 0x0800) {
                        int ihl = (b[14] & 0x0f) * 4;
                        int proto = b[14 + 9] & 0xff;
                        vrrp = 14 + ihl + (proto == 51 ? 24 : 0);
                        if (proto != 112 && proto != 51) {
                            return false;
                        }
                    } else if (type == 0x86dd && (b[14 + 6] & 0xff) == 112) {
                        vrrp = 14 + 40;
                    } else {
                        return false;
                    }
                    return b.length > vrrp + 2 && (b[vrrp + 1] & 0xff) == vrid && (b[vrrp + 2] & 0xff) == priority;
                }).count();
    }

    @Override
    public void close() {
        tcpdump.destroy();
        try {
            tcpdump.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
