package io.lvsj.keepalived.vrrp.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What keepalived leaves in a namespace's kernel, as text two runs can be compared by: links
 * (kind, MAC, macvlan/ipvlan mode), addresses with their flags and lifetimes, routes and rules
 * of every table, sysctls of interfaces it creates, and the nftables rule set. Interface
 * indexes and kernel counters differ from run to run and are left out.
 */
final class KernelState {
    private KernelState() {
    }

    /** Every part, one section a heading. */
    static String of(String namespace) {
        return "== links\n" + links(namespace) + "== addresses\n" + addresses(namespace) + "== routes\n"
                + routes(namespace) + "== rules\n" + rules(namespace) + "== nftables\n" + nftables(namespace)
                + "== sysctls\n" + sysctls(namespace);
    }

    /** The interface settings keepalived changes (VMACs and their parents), of every interface, all and default. */
    static String sysctls(String ns) {
        String out = Shell.must("ip", "netns", "exec", ns, "sysctl", "-a", "-r",
                "^net\\.ipv(4\\.conf\\.[^.]+\\.(arp_ignore|arp_filter|accept_local|rp_filter|promote_secondaries)"
                        + "|6\\.conf\\.[^.]+\\.(disable_ipv6|addr_gen_mode))$");
        return lines(out).stream().sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The links; only what {@code ip} prints on standard output: while other tests create and
     * delete namespaces it may also say "Peer netns reference is invalid." on standard error
     * about a veth's peer, which is not state.
     */
    static String links(String ns) {
        io.lvsj.lab.Command.Result r = Shell.quiet("ip", "-n", ns, "-d", "-o", "link", "show");
        if (r.status() != 0) {
            throw new AssertionError("ip link show failed: " + r.output());
        }
        return lines(r.stdout()).stream()
                .map(l -> l.replaceFirst("^\\d+: ", "").replaceAll("@if\\d+", "@if")
                        .replaceAll(" (promiscuity|allmulti|minmtu|maxmtu|numtxqueues|numrxqueues|gso_max_size"
                                + "|gso_max_segs|tso_max_size|tso_max_segs|gro_max_size|gso_ipv4_max_size"
                                + "|gro_ipv4_max_size|parentbus|parentdev|link-netns|link-netnsid) \\S+", "")
                        .replaceAll("\\\\ +", " ").replaceAll(" +", " ").trim())
                .sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    static String addresses(String ns) {
        return lines(Shell.must("ip", "-n", ns, "-o", "addr", "show")).stream()
                .map(l -> l.replaceFirst("^\\d+: ", "").replaceAll("\\\\ +", " ").replaceAll(" +", " ").trim())
                .sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    static String routes(String ns) {
        List<String> all = new ArrayList<>(lines(Shell.must("ip", "-n", ns, "-4", "route", "show", "table", "all")));
        all.addAll(lines(Shell.must("ip", "-n", ns, "-6", "route", "show", "table", "all")));
        return all.stream().map(l -> l.replaceAll(" +", " ").trim()).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static String rules(String ns) {
        List<String> all = new ArrayList<>(lines(Shell.must("ip", "-n", ns, "-4", "rule", "show")));
        all.addAll(lines(Shell.must("ip", "-n", ns, "-6", "rule", "show")));
        return String.join("\n", all) + "\n";
    }

    /** The rule set with handles dropped; empty when nft finds nothing. */
    static String nftables(String ns) {
        io.lvsj.lab.Command.Result r = Shell.quiet("ip", "netns", "exec", ns, "nft", "list", "ruleset");
        if (r.status() != 0) {
            throw new AssertionError("nft list ruleset failed: " + r.output());
        }
        return r.output().replaceAll(" # handle \\d+", "");
    }

    /** One interface's IPv4 and IPv6 sysctls, as {@code name=value} lines. */
    static String sysctls(String ns, String device) {
        StringBuilder s = new StringBuilder();
        for (String family : List.of("ipv4", "ipv6")) {
            String out = Shell.must("ip", "netns", "exec", ns, "sysctl", "-a", "-r",
                    "^net\\." + family + "\\.conf\\." + device.replace(".", "\\.") + "\\.");
            lines(out).forEach(l -> s.append(l).append('\n'));
        }
        return s.toString();
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
