package io.lvsj.realserver;

import io.lvsj.ipvs.TunnelType;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small config file of {@code lvsj-realserver} ({@code /etc/lvsj-realserver/realserver.conf}):
 * <pre>
 *   # one VIP per line
 *   dr  192.0.2.10                 # on lo; ARP for it suppressed
 *   dr  192.0.2.11 dev vip0        # on a dummy device made for it
 *   dr  2001:db8::10
 *   tun 192.0.2.20 ipip
 *   tun 192.0.2.21 gre
 *   tun 192.0.2.22 gue port 6080
 *   tun 2001:db8::20 ipip          # IPv6 in IPv6
 *   arp-interface eth0             # ARP settings on eth0 only, instead of on all interfaces
 * </pre>
 * A mistake is {@code FILE:LINE: what is wrong}.
 */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static RealServerConfig parse(String text, String file) {
        List<Vip> vips = new ArrayList<>();
        List<String> arp = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n", -1)) {
            number++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            try {
                switch (w[0]) {
                    case "dr" -> vips.add(dr(w));
                    case "tun" -> vips.add(tun(w));
                    case "arp-interface" -> {
                        expect(w.length == 2, "arp-interface takes one interface name");
                        arp.add(w[1]);
                    }
                    default -> throw new ConfigException("unknown keyword '" + w[0] + "' (dr, tun, arp-interface)");
                }
            } catch (ConfigException e) {
                throw new ConfigException(file + ":" + number + ": " + e.getMessage());
            }
        }
        try {
            return new RealServerConfig(vips, arp);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static Vip dr(String[] w) {
        expect(w.length == 2 || (w.length == 4 && w[2].equals("dev")), "dr takes a VIP and optionally 'dev NAME'");
        return new Vip(address(w[1]), new Vip.Dr(w.length == 4 ? w[3] : "lo"));
    }

    private static Vip tun(String[] w) {
        expect(w.length >= 3, "tun takes a VIP and a tunnel type (ipip, gre, gue port N)");
        TunnelType type = tunnelType(w[2]);
        if (type == TunnelType.GUE) {
            expect(w.length == 5 && w[3].equals("port"), "a gue tunnel needs 'port N'");
            return new Vip(address(w[1]), new Vip.Tun(type, port(w[4])));
        }
        expect(w.length == 3, type.name().toLowerCase(Locale.ROOT) + " takes no more words");
        return new Vip(address(w[1]), new Vip.Tun(type, 0));
    }

    static TunnelType tunnelType(String word) {
        return switch (word) {
            case "ipip" -> TunnelType.IPIP;
            case "gre" -> TunnelType.GRE;
            case "gue" -> TunnelType.GUE;
            default -> throw new ConfigException("'" + word + "' is not a tunnel type (ipip, gre, gue)");
        };
    }

    static InetAddress address(String word) {
        InetAddress a = Addresses.parse(word);
        if (a == null) {
            throw new ConfigException("'" + word + "' is not an IPv4 or IPv6 address");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress() || a.isLoopbackAddress()) {
            throw new ConfigException("'" + word + "' cannot be a VIP (unspecified, multicast or loopback)");
        }
        return a;
    }

    static int port(String word) {
        try {
            int p = Integer.parseInt(word);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new ConfigException("'" + word + "' is not a port (1 to 65535)");
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
