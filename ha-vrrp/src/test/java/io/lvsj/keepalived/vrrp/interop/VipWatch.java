package io.lvsj.keepalived.vrrp.interop;

import io.lvsj.keepalived.vrrp.io.HostNetwork;
import io.lvsj.keepalived.vrrp.io.RtnlHostNetwork;
import io.lvsj.sys.NetNamespace;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads which routers hold a VIP right now, over netlink sockets opened in their namespaces (no processes forked). */
final class VipWatch implements AutoCloseable {
    private final List<RtnlHostNetwork> hosts = new ArrayList<>();
    private final List<String> names;

    VipWatch(List<String> namespaces) {
        this.names = namespaces;
        for (String ns : namespaces) {
            hosts.add(NetNamespace.named(ns).call(RtnlHostNetwork::open));
        }
    }

    /** The 1-based indexes of the routers that have {@code vip} configured. */
    List<Integer> holders(InetAddress vip) {
        byte[] bytes = vip.getAddress();
        List<Integer> holders = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            for (HostNetwork.Address a : hosts.get(i).addresses()) {
                if (Arrays.equals(a.address(), bytes)) {
                    holders.add(i + 1);
                    break;
                }
            }
        }
        return holders;
    }

    /** Waits until exactly router {@code expected} holds the VIP; returns the milliseconds it took. */
    long awaitSole(InetAddress vip, int expected, long timeoutMillis) {
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000;
        List<Integer> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = holders(vip);
            if (seen.equals(List.of(expected))) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            sleep(5);
        }
        throw new AssertionError("after " + timeoutMillis + " ms " + vip.getHostAddress() + " is on " + seen
                + ", expected only router " + expected + " (" + names + ")");
    }

    /** Samples for {@code millis}: the VIP must be on router {@code expected} and nowhere else at every sample. */
    int assertSoleHolderFor(InetAddress vip, int expected, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int samples = 0;
        while (System.nanoTime() < deadline) {
            List<Integer> seen = holders(vip);
            if (!seen.equals(List.of(expected))) {
                throw new AssertionError("sample " + samples + ": " + vip.getHostAddress() + " is on " + seen
                        + ", expected only router " + expected);
            }
            samples++;
            sleep(10);
        }
        return samples;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        hosts.forEach(RtnlHostNetwork::close);
    }
}
