package io.lvsj.realserver;

import java.net.InetAddress;

/**
 * One thing {@code lvsj-realserver start} changed on the host, recorded so that {@code stop}
 * undoes exactly it. Each is filed under the purpose it served ({@code vip:192.0.2.10},
 * {@code arp}, {@code tun:lvsj-ipip}, {@code gue:6080}...), so a restart with fewer VIPs
 * undoes what only the dropped ones needed. One line each in the state file.
 */
public sealed interface Change {
    String purpose();

    String text();

    /** A sysctl set to {@code after}; it was {@code before}. */
    record Sysctl(String purpose, String name, String before, String after) implements Change {
        @Override
        public String text() {
            return "sysctl " + purpose + " " + name + " " + before + " " + after;
        }
    }

    /** A link this tool created (deleting it takes its addresses along). */
    record LinkCreated(String purpose, String name) implements Change {
        @Override
        public String text() {
            return "link " + purpose + " " + name;
        }
    }

    /** A link this tool set up that was down. */
    record LinkUp(String purpose, String name) implements Change {
        @Override
        public String text() {
            return "up " + purpose + " " + name;
        }
    }

    record AddressAdded(String purpose, String device, InetAddress address, int prefixLength) implements Change {
        @Override
        public String text() {
            return "address " + purpose + " " + device + " " + Addresses.text(address) + "/" + prefixLength;
        }
    }

    /** A GUE receive port this tool opened. */
    record GuePort(String purpose, int port) implements Change {
        @Override
        public String text() {
            return "fou " + purpose + " " + port;
        }
    }

    /** The change a state line records, or {@code null} when it is none. */
    static Change parse(String line) {
        String[] w = line.strip().split(" +");
        try {
            return switch (w[0]) {
                case "sysctl" -> w.length == 5 ? new Sysctl(w[1], w[2], w[3], w[4]) : null;
                case "link" -> w.length == 3 ? new LinkCreated(w[1], w[2]) : null;
                case "up" -> w.length == 3 ? new LinkUp(w[1], w[2]) : null;
                case "address" -> {
                    int slash = w.length == 4 ? w[3].indexOf('/') : -1;
                    InetAddress a = slash > 0 ? Addresses.parse(w[3].substring(0, slash)) : null;
                    yield a == null ? null : new AddressAdded(w[1], w[2], a, Integer.parseInt(w[3].substring(slash + 1)));
                }
                case "fou" -> w.length == 3 ? new GuePort(w[1], Integer.parseInt(w[2])) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
