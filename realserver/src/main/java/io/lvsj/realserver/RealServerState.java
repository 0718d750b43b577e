package io.lvsj.realserver;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code lvsj-realserver} has set up in one network namespace: the configuration it was
 * started with and every change it made, in order. Kept in
 * {@code /run/lvsj/realserver/net-INODE.state} (gone at reboot, with the changes).
 */
public record RealServerState(RealServerConfig config, List<Change> changes) {

    public RealServerState {
        changes = List.copyOf(changes);
    }

    public static RealServerState none() {
        return new RealServerState(new RealServerConfig(List.of(), List.of()), List.of());
    }

    public boolean isEmpty() {
        return config.isEmpty() && changes.isEmpty();
    }

    public String text() {
        StringBuilder out = new StringBuilder(
                "# lvsj-realserver: what start set up, so that stop undoes exactly that. Do not edit.\n");
        for (Vip v : config.vips()) {
            out.append("vip ").append(v.mode() instanceof Vip.Dr dr ? "dr " + Addresses.text(v.address()) + " dev " + dr.device()
                    : "tun " + Addresses.text(v.address()) + " " + tunnelWords((Vip.Tun) v.mode())).append('\n');
        }
        config.arpInterfaces().forEach(i -> out.append("vip arp-interface ").append(i).append('\n'));
        changes.forEach(c -> out.append(c.text()).append('\n'));
        return out.toString();
    }

    /** Reads {@link #text}; the configuration lines are the config file's, after "vip". */
    public static RealServerState parse(String text, String file) {
        StringBuilder config = new StringBuilder();
        List<Change> changes = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                config.append('\n');
                continue;
            }
            if (s.startsWith("vip ")) {
                config.append(s.substring(4)).append('\n');
                continue;
            }
            Change c = Change.parse(s);
            if (c == null) {
                throw new ConfigException(file + ":" + number + ": not a state line: " + s);
            }
            changes.add(c);
            config.append('\n');
        }
        return new RealServerState(ConfigFile.parse(config.toString(), file), changes);
    }

    private static String tunnelWords(Vip.Tun t) {
        return switch (t.type()) {
            case IPIP -> "ipip";
            case GRE -> "gre";
            case GUE -> "gue port " + t.port();
        };
    }
}
