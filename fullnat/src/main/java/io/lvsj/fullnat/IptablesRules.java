package io.lvsj.fullnat;

import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LVS-J's rules in iptables' words: {@code iptables-restore --noflush} input for a
 * {@link RulePlan}, and the {@link FirewallView} read back from {@code iptables-save -c -t nat}.
 * The same text serves ip6tables. Matching uses {@code xt_ipvs} ({@code -m ipvs}): the packet
 * is one IPVS sent for that virtual service, now addressed to the real server.
 * Everything is in the nat table: a restore of one table is one atomic replacement in the kernel.
 */
public final class IptablesRules {
    public static final RulePlan.Naming NAMING = new RulePlan.Naming("LVSJ-FULLNAT", "LVSJ-FN-");
    private static final String PREFIX = "LVSJ-";
    private static final String HOOK = "-m comment --comment " + RuleComment.TAG + " -j " + NAMING.mainChain();
    private static final Pattern COUNTERS = Pattern.compile("^\\[(\\d+):(\\d+)] ");
    private static final Pattern COMMENT = Pattern.compile("--comment (?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))");

    private IptablesRules() {
    }

    /** The restore input that carries out {@code plan}, or "" when it changes nothing. */
    public static String restoreInput(RulePlan plan) {
        if (plan.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("*nat\n");
        if (plan.teardown()) {
            plan.deleteChains().forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
            for (int i = 0; i < plan.removeHooks(); i++) {
                out.append("-D POSTROUTING ").append(HOOK).append('\n');
            }
            plan.deleteChains().forEach(c -> out.append("-X ").append(c).append('\n'));
            return out.append("COMMIT\n").toString();
        }
        // Declaring a chain that exists flushes it (with --noflush, only the chains declared).
        if (plan.rewriteMain()) {
            out.append(':').append(NAMING.mainChain()).append(" - [0:0]\n");
        }
        plan.pools().forEach(p -> out.append(':').append(p.chain()).append(" - [0:0]\n"));
        plan.deleteChains().forEach(c -> out.append(':').append(c).append(" - [0:0]\n"));
        if (plan.addHook()) {
            out.append("-I POSTROUTING 1 ").append(HOOK).append('\n');
        }
        for (RulePlan.Pool p : plan.pools()) {
            int n = p.addresses().size();
            for (int i = 0; i < n; i++) {
                InetAddress lip = p.addresses().get(i);
                out.append("-A ").append(p.chain());
                if (i < n - 1) {
                    out.append(" -m statistic --mode random --probability ")
                            .append(String.format(java.util.Locale.ROOT, "%.11f", 1.0 / (n - i)));
                }
                comment(out, new RuleComment.LocalAddress(p.key(), lip));
                out.append(" -j SNAT --to-source ").append(AddressText.of(lip)).append(" --random-fully\n");
            }
        }
        if (plan.rewriteMain()) {
            for (RulePlan.DestinationRule r : plan.mainRules()) {
                ServiceKey.Inet k = r.key();
                String protocol = RuleComment.protocolWord(k.protocol());
                out.append("-A ").append(NAMING.mainChain()).append(" -d ").append(host(r.server().address()))
                        .append(" -p ").append(protocol);
                if (r.server().port() != 0) {
                    out.append(" -m ").append(protocol).append(" --dport ").append(r.server().port());
                }
                out.append(" -m ipvs --vaddr ").append(host(k.address()));
                if (k.port() != 0) {
                    out.append(" --vport ").append(k.port());
                }
                out.append(" --vproto ").append(k.protocol().number());
                comment(out, new RuleComment.Destination(k, r.server()));
                out.append(" -j ").append(r.poolChain()).append('\n');
            }
        }
        plan.deleteChains().forEach(c -> out.append("-X ").append(c).append('\n'));
        return out.append("COMMIT\n").toString();
    }

    /** Reads LVS-J's part of {@code iptables-save -c -t nat} output; everything else is ignored. */
    public static FirewallView read(String save) {
        Set<String> chains = new HashSet<>();
        List<RuleComment> comments = new ArrayList<>();
        Map<FirewallView.LocalAddressUse, Long> counters = new HashMap<>();
        int hooks = 0;
        boolean inNat = false;
        for (String raw : save.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("*")) {
                inNat = line.equals("*nat");
                continue;
            }
            if (!inNat) {
                continue;
            }
            if (line.startsWith(":" + PREFIX)) {
                chains.add(line.substring(1, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' ')));
                continue;
            }
            long packets = 0;
            Matcher c = COUNTERS.matcher(line);
            if (c.find()) {
                packets = Long.parseLong(c.group(1));
                line = line.substring(c.end());
            }
            if (!line.startsWith("-A ")) {
                continue;
            }
            String chain = line.substring(3, line.indexOf(' ', 3) < 0 ? line.length() : line.indexOf(' ', 3));
            RuleComment comment = comment(line);
            if (comment == null) {
                continue;
            }
            if (chain.equals("POSTROUTING")) {
                if (comment instanceof RuleComment.Hook && line.endsWith("-j " + NAMING.mainChain())) {
                    hooks++;
                }
            } else if (chain.startsWith(PREFIX)) {
                comments.add(comment);
                if (comment instanceof RuleComment.LocalAddress l) {
                    counters.merge(new FirewallView.LocalAddressUse(l.key(), l.address()), packets, Long::sum);
                }
            }
        }
        return FirewallView.fromRules(comments, counters, chains, hooks);
    }

    private static RuleComment comment(String line) {
        Matcher m = COMMENT.matcher(line);
        if (!m.find()) {
            return null;
        }
        String text = m.group(1) != null ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(2);
        return RuleComment.parse(text);
    }

    private static void comment(StringBuilder out, RuleComment comment) {
        out.append(" -m comment --comment \"").append(comment.text()).append('"');
    }

    private static String host(InetAddress address) {
        return AddressText.of(address) + "/" + AddressText.hostPrefix(address);
    }
}
