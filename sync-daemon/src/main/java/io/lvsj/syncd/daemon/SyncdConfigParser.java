package io.lvsj.syncd.daemon;

import io.lvsj.syncd.cluster.ClusterSettings;
import io.lvsj.syncd.cluster.Transport;
import io.lvsj.syncd.kernel.DaemonMode;
import io.lvsj.syncd.kernel.KernelDaemons;
import io.lvsj.syncd.kernel.SyncLink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads lvs-syncd's configuration file. Pure: text in, a {@link SyncdConfig} or every mistake
 * as {@code file:line: what is wrong} out. One setting per line, {@code keyword value...};
 * {@code #} or {@code !} starts a comment (as in keepalived.conf).
 *
 * <pre>
 * cluster NAME                 the cluster's name                      (lvs-syncd)
 * node NAME                    this director's name                    (the host name)
 * transport multicast|tcp      UDP multicast on one segment, or TCP to the peers (multicast)
 * bind ADDRESS                 this director's address for the cluster (required)
 * port PORT                    the cluster's UDP or TCP port           (7850)
 * multicast-group ADDRESS      the cluster's multicast group           (239.8.8.50)
 * multicast-port PORT                                                  (45850)
 * multicast-ttl N              1 keeps it on the segment               (1)
 * peer ADDRESS[:PORT]          a TCP peer; one line each, this director may be listed too
 * key-file PATH                the cluster key (required; --generate-key writes one)
 * kernel-daemons manage|follow start the kernel's sync daemons, or relay those keepalived runs (manage)
 * sync-link KERNEL RELAY       the veth pair's two names                (lvsync0 lvsync1)
 * sync-id N                    the sync id of daemons lvs-syncd starts  (0)
 * sync-group ADDRESS           the kernel daemons' IPv4 group           (224.0.0.81)
 * sync-port PORT               and port                                 (8848)
 * max-connections N            the table's limit                        (4000000)
 * state-timeout SECONDS        how long a joining director waits for the table (60)
 * control-socket PATH          where --status asks                      (/run/lvs-syncd.sock)
 * metrics-listen ADDRESS[:PORT] serve /metrics, /state, /healthz over HTTP (off; port 9651)
 * </pre>
 */
public final class SyncdConfigParser {
    private final String file;
    private final List<String> errors = new ArrayList<>();

    private SyncdConfigParser(String file) {
        this.file = file;
    }

    /** The outcome: a config when {@code errors} is empty. */
    public record Result(SyncdConfig config, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static Result parse(String file, String text, String hostName) {
        return new SyncdConfigParser(file).run(text, hostName);
    }

    private Result run(String text, String hostName) {
        String cluster = "lvs-syncd";
        String node = hostName;
        Transport transport = Transport.MULTICAST;
        InetAddress bind = null;
        int port = ClusterSettings.DEFAULT_PORT;
        InetAddress multicastGroup = InetAddress.ofLiteral(ClusterSettings.DEFAULT_MULTICAST_GROUP);
        int multicastPort = ClusterSettings.DEFAULT_MULTICAST_PORT;
        int ttl = 1;
        List<InetSocketAddress> peers = new ArrayList<>();
        List<Integer> peerLines = new ArrayList<>();
        Path keyFile = null;
        DaemonMode daemons = DaemonMode.MANAGE;
        SyncLink link = SyncLink.defaults();
        int syncId = 0;
        InetAddress syncGroup = KernelDaemons.DEFAULT_GROUP;
        int syncPort = KernelDaemons.DEFAULT_PORT;
        int maxConnections = 4_000_000;
        Duration stateTimeout = Duration.ofSeconds(60);
        Path control = Path.of("/run/lvs-syncd.sock");
        InetSocketAddress metrics = null;
        Set<String> seen = new HashSet<>();
        int bindLine = 0;

        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            int comment = indexOfComment(line);
            String[] w = (comment >= 0 ? line.substring(0, comment) : line).trim().split("\\s+");
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            String keyword = w[0];
            if (!keyword.equals("peer") && !seen.add(keyword)) {
                error(n, keyword + " is set twice");
                continue;
            }
            int arity = keyword.equals("sync-link") ? 2 : 1;
            if (w.length != arity + 1 && isKeyword(keyword)) {
                error(n, keyword + " takes " + (arity == 1 ? "one value" : "two values") + ", not " + (w.length - 1));
                continue;
            }
            switch (keyword) {
                case "cluster" -> cluster = w[1];
                case "node" -> node = w[1];
                case "transport" -> {
                    switch (w[1].toLowerCase(Locale.ROOT)) {
                        case "multicast" -> transport = Transport.MULTICAST;
                        case "tcp" -> transport = Transport.TCP;
                        default -> error(n, "transport is multicast or tcp, not " + w[1]);
                    }
                }
                case "bind" -> {
                    bind = address(n, w[1]);
                    bindLine = n;
                }
                case "port" -> port = number(n, w[1], 1, 65535, "a port");
                case "multicast-group" -> {
                    InetAddress g = address(n, w[1]);
                    if (g != null && !g.isMulticastAddress()) {
                        error(n, w[1] + " is not a multicast address");
                    } else if (g != null) {
                        multicastGroup = g;
                    }
                }
                case "multicast-port" -> multicastPort = number(n, w[1], 1, 65535, "a port");
                case "multicast-ttl" -> ttl = number(n, w[1], 1, 255, "a TTL");
                case "peer" -> {
                    InetSocketAddress p = peer(n, w);
                    if (p != null) {
                        peers.add(p);
                        peerLines.add(n);
                    }
                }
                case "key-file" -> keyFile = Path.of(w[1]);
                case "kernel-daemons" -> {
                    switch (w[1].toLowerCase(Locale.ROOT)) {
                        case "manage" -> daemons = DaemonMode.MANAGE;
                        case "follow" -> daemons = DaemonMode.FOLLOW;
                        default -> error(n, "kernel-daemons is manage or follow, not " + w[1]);
                    }
                }
                case "sync-link" -> {
                    if (w[1].length() > 15 || w[2].length() > 15 || w[1].equals(w[2])) {
                        error(n, "sync-link takes two different interface names of at most 15 characters");
                    } else {
                        link = SyncLink.of(w[1], w[2]);
                    }
                }
                case "sync-id" -> syncId = number(n, w[1], 0, 255, "a sync id");
                case "sync-group" -> {
                    InetAddress g = address(n, w[1]);
                    if (g != null && !(g instanceof Inet4Address && g.isMulticastAddress())) {
                        error(n, w[1] + " is not an IPv4 multicast address (lvs-syncd relays IPv4 sync groups)");
                    } else if (g != null) {
                        syncGroup = g;
                    }
                }
                case "sync-port" -> syncPort = number(n, w[1], 1, 65535, "a port");
                case "max-connections" -> maxConnections = number(n, w[1], 1, 100_000_000, "a connection count");
                case "state-timeout" -> stateTimeout = Duration.ofSeconds(number(n, w[1], 1, 3600, "seconds"));
                case "control-socket" -> control = Path.of(w[1]);
                case "metrics-listen" -> {
                    InetSocketAddress m = peer(n, w);
                    if (m != null) {
                        metrics = m.getPort() == 0 ? new InetSocketAddress(m.getAddress(), SyncdConfig.DEFAULT_METRICS_PORT) : m;
                    }
                }
                default -> error(n, "unknown keyword " + keyword);
            }
        }
        int end = Math.max(1, text.endsWith("\n") ? lines.length - 1 : lines.length);
        if (bind == null && bindLine == 0) {
            error(end, "bind is missing: the address this director uses for the cluster");
        }
        if (keyFile == null) {
            error(end, "key-file is missing: every director needs the cluster key (lvs-syncd --generate-key FILE)");
        }
        if (transport == Transport.TCP && peers.isEmpty()) {
            error(end, "transport tcp needs at least one peer line");
        }
        if (transport == Transport.MULTICAST && !peers.isEmpty()) {
            error(peerLines.getFirst(), "peer is for transport tcp; multicast finds its members by itself");
        }
        if (bind != null && transport == Transport.MULTICAST && !(bind instanceof Inet4Address)) {
            error(bindLine, "the multicast transport binds to an IPv4 address");
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        List<InetSocketAddress> withPorts = new ArrayList<>();
        for (InetSocketAddress p : peers) {
            withPorts.add(p.getPort() == 0 ? new InetSocketAddress(p.getAddress(), port) : p);
        }
        return new Result(new SyncdConfig(cluster, node, transport, bind, port, multicastGroup, multicastPort, ttl,
                withPorts, keyFile, daemons, link, syncId, syncGroup, syncPort, maxConnections, stateTimeout, control,
                java.util.Optional.ofNullable(metrics)),
                List.of());
    }

    private static boolean isKeyword(String w) {
        return List.of("cluster", "node", "transport", "bind", "port", "multicast-group", "multicast-port",
                "multicast-ttl", "peer", "key-file", "kernel-daemons", "sync-link", "sync-id", "sync-group",
                "sync-port", "max-connections", "state-timeout", "control-socket", "metrics-listen").contains(w);
    }

    private static int indexOfComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' || line.charAt(i) == '!') {
                return i;
            }
        }
        return -1;
    }

    private void error(int line, String message) {
        errors.add(file + ":" + line + ": " + message);
    }

    private InetAddress address(int line, String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            error(line, text + " is not an IP address");
            return null;
        }
    }

    private int number(int line, String text, int min, int max, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        error(line, text + " is not " + what + " (" + min + ".." + max + ")");
        return min;
    }

    /** {@code ADDRESS}, {@code ADDRESS:PORT}, {@code [IPv6]:PORT}; port 0 means "none given". */
    private InetSocketAddress peer(int line, String[] w) {
        String text = w[1];
        String host = text;
        int port = 0;
        int colon = text.lastIndexOf(':');
        if (text.startsWith("[") && text.contains("]")) {
            host = text.substring(1, text.indexOf(']'));
            String rest = text.substring(text.indexOf(']') + 1);
            if (rest.startsWith(":")) {
                port = number(line, rest.substring(1), 1, 65535, "a port");
            }
        } else if (colon > 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            port = number(line, text.substring(colon + 1), 1, 65535, "a port");
        }
        InetAddress a = address(line, host);
        return a == null ? null : new InetSocketAddress(a, port);
    }
}
