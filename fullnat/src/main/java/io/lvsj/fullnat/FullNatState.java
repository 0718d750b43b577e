package io.lvsj.fullnat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What LVS-J has set up for FullNAT in one network namespace, kept in a file between
 * commands: the table users asked for, the back end its rules are in, and exactly what it
 * changed on the host (addresses it added, sysctls it set with their values before), so that
 * removing FullNAT undoes those and nothing more.
 */
public record FullNatState(FirewallBackend backend, FullNatTable table, List<AddedAddress> addresses,
                           List<ChangedSysctl> sysctls) {

    /** A local address LVS-J added to an interface (it was not on the host before). */
    public record AddedAddress(String interfaceName, InetAddress address, int prefixLength) {
    }

    /** A sysctl LVS-J set to {@code after}; it was {@code before}. */
    public record ChangedSysctl(String name, String before, String after) {
    }

    public FullNatState {
        Objects.requireNonNull(table, "table");
        addresses = List.copyOf(addresses);
        sysctls = List.copyOf(sysctls);
    }

    public static FullNatState none() {
        return new FullNatState(null, FullNatTable.empty(), List.of(), List.of());
    }

    /** Nothing set up: no file needed. */
    public boolean isEmpty() {
        return table.isEmpty() && addresses.isEmpty() && sysctls.isEmpty();
    }

    /** The state file's text. */
    public String text(String header) {
        StringBuilder out = new StringBuilder("# ").append(header).append('\n');
        if (backend != null) {
            out.append("firewall ").append(backend.word()).append('\n');
        }
        for (ChangedSysctl s : sysctls) {
            out.append("sysctl ").append(s.name()).append(' ').append(s.before()).append(' ').append(s.after()).append('\n');
        }
        for (AddedAddress a : addresses) {
            out.append("address ").append(a.interfaceName()).append(' ').append(AddressText.of(a.address())).append('/')
                    .append(a.prefixLength()).append('\n');
        }
        for (FullNatService s : table.services().values()) {
            for (InetAddress lip : s.localAddresses()) {
                out.append(new RuleComment.LocalAddress(s.key(), lip).text().substring(RuleComment.TAG.length() + 1))
                        .append('\n');
            }
            for (RealServer r : s.realServers()) {
                out.append(new RuleComment.Destination(s.key(), r).text().substring(RuleComment.TAG.length() + 1))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Reads {@link #text}; a line it does not know is an error naming the file and line. */
    public static FullNatState parse(String text, String source) {
        FirewallBackend backend = null;
        List<AddedAddress> addresses = new ArrayList<>();
        List<ChangedSysctl> sysctls = new ArrayList<>();
        List<RuleComment> rules = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" +");
            boolean known = switch (w[0]) {
                case "firewall" -> w.length == 2 && (backend = FirewallBackend.ofWord(w[1])) != null;
                case "sysctl" -> w.length == 4 && sysctls.add(new ChangedSysctl(w[1], w[2], w[3]));
                case "address" -> w.length == 3 && addAddress(addresses, w[1], w[2]);
                case "laddr", "dest" -> {
                    RuleComment c = RuleComment.parse(RuleComment.TAG + " " + line);
                    yield c != null && rules.add(c);
                }
                default -> false;
            };
            if (!known) {
                throw new FullNatException(source + ":" + number + ": not a FullNAT state line: " + line);
            }
        }
        FullNatTable table = FirewallView.fromRules(rules, Map.of(), java.util.Set.of(), 0).table();
        return new FullNatState(backend, table, addresses, sysctls);
    }

    private static boolean addAddress(List<AddedAddress> addresses, String device, String text) {
        int slash = text.indexOf('/');
        InetAddress a = slash > 0 ? AddressText.parse(text.substring(0, slash)) : null;
        if (a == null) {
            return false;
        }
        try {
            return addresses.add(new AddedAddress(device, a, Integer.parseInt(text.substring(slash + 1))));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public FullNatState withTable(FullNatTable t) {
        return new FullNatState(backend, t, addresses, sysctls);
    }
}
