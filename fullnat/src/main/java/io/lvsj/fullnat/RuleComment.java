package io.lvsj.fullnat;

import io.lvsj.ipvs.IpProtocol;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;

/**
 * The comment on every rule LVS-J writes. It marks the rule as LVS-J's (nothing else is ever
 * touched) and says what the rule is for, so the table can be read back from the firewall
 * in either back end without parsing each tool's rendering of matches:
 * <pre>
 *   lvsj-fullnat                                        the jump from POSTROUTING (iptables)
 *   lvsj-fullnat dest tcp 203.0.113.10 80 198.51.100.2 80   a FullNAT real server
 *   lvsj-fullnat laddr tcp 203.0.113.10 80 198.51.100.11     a local address of the pool
 * </pre>
 */
public sealed interface RuleComment {
    String TAG = "lvsj-fullnat";

    String text();

    /** The jump from the built-in chain into LVS-J's. */
    record Hook() implements RuleComment {
        @Override
        public String text() {
            return TAG;
        }
    }

    record Destination(ServiceKey.Inet key, RealServer server) implements RuleComment {
        @Override
        public String text() {
            return TAG + " dest " + service(key) + " " + AddressText.of(server.address()) + " " + server.port();
        }
    }

    record LocalAddress(ServiceKey.Inet key, InetAddress address) implements RuleComment {
        @Override
        public String text() {
            return TAG + " laddr " + service(key) + " " + AddressText.of(address);
        }
    }

    /** The comment {@code text} stands for, or {@code null} when it is not one of LVS-J's. */
    static RuleComment parse(String text) {
        String[] w = text.trim().split(" +");
        if (w.length == 0 || !w[0].equals(TAG)) {
            return null;
        }
        if (w.length == 1) {
            return new Hook();
        }
        if (w.length < 5) {
            return null;
        }
        ServiceKey.Inet key = key(w[2], w[3], w[4]);
        if (key == null) {
            return null;
        }
        switch (w[1]) {
            case "dest" -> {
                InetAddress address = w.length == 7 ? AddressText.parse(w[5]) : null;
                int port = w.length == 7 ? port(w[6]) : -1;
                return address == null || port < 0 ? null : new Destination(key, new RealServer(address, port));
            }
            case "laddr" -> {
                InetAddress address = w.length == 6 ? AddressText.parse(w[5]) : null;
                return address == null ? null : new LocalAddress(key, address);
            }
            default -> {
                return null;
            }
        }
    }

    private static String service(ServiceKey.Inet key) {
        return protocolWord(key.protocol()) + " " + AddressText.of(key.address()) + " " + key.port();
    }

    /** "tcp", "udp", "sctp": the protocol as iptables and nft write it. */
    static String protocolWord(IpProtocol protocol) {
        return switch (protocol.number()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 132 -> "sctp";
            default -> throw new FullNatException("FullNAT serves TCP, UDP and SCTP, not " + protocol);
        };
    }

    private static ServiceKey.Inet key(String protocol, String address, String port) {
        IpProtocol p = switch (protocol) {
            case "tcp" -> IpProtocol.TCP;
            case "udp" -> IpProtocol.UDP;
            case "sctp" -> IpProtocol.SCTP;
            default -> null;
        };
        InetAddress a = AddressText.parse(address);
        int n = port(port);
        return p == null || a == null || n < 0 ? null : new ServiceKey.Inet(p, a, n);
    }

    private static int port(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 0 && n <= 0xffff ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
