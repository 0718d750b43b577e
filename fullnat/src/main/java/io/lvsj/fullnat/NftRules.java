package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
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
 * LVS-J's rules in nftables' words, in a table of its own ({@code ip lvsj}, {@code ip6 lvsj})
 * that nothing else uses: an {@code nft -f} script for a {@link RulePlan} (one transaction,
 * so atomic), and the {@link FirewallView} read back from {@code nft list table}.
 * nftables has no IPVS match; the connection's conntrack entry says the same thing: its
 * original direction was to the virtual service ({@code ct original ip daddr VIP ct original
 * proto-dst VPORT}) and IPVS now sends it to the real server.
 */
public final class NftRules {
    public static final RulePlan.Naming NAMING = new RulePlan.Naming("postrouting", "fn-");
    public static final String TABLE = "lvsj";
    /** Before the usual source NAT chains (srcnat = 100), so a FullNAT service's own rule wins. */
    private static final int PRIORITY = 90;
    private static final Pattern CHAIN = Pattern.compile("^chain (\\S+) \\{");
    private static final Pattern COMMENT = Pattern.compile("comment \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");

    private NftRules() {
    }

    /** "ip" or "ip6". */
    public static String family(AddressFamily family) {
        return family == AddressFamily.INET ? "ip" : "ip6";
    }

    /** The script that carries out {@code plan} on {@code family}'s table, or "" when it changes nothing. */
    public static String script(RulePlan plan, AddressFamily family) {
        if (plan.isEmpty()) {
            return "";
        }
        String f = family(family);
        String table = f + " " + TABLE;
        StringBuilder out = new StringBuilder();
        if (plan.teardown()) {
            // "table" first makes the delete safe whether or not the table is there.
            return out.append("table ").append(table).append('\n').append("delete table ").append(table).append('\n')
                    .toString();
        }
        out.append("table ").append(table).append(" {\n\tchain ").append(NAMING.mainChain())
                .append(" {\n\t\ttype nat hook postrouting priority ").append(PRIORITY).append("; policy accept;\n\t}\n}\n");
        if (plan.rewriteMain() && !plan.createMain()) {
            out.append("flush chain ").append(table).append(' ').append(NAMING.mainChain()).append('\n');
        }
        for (RulePlan.Pool p : plan.pools()) {
            out.append("add chain ").append(table).append(' ').append(p.chain()).append('\n');
            out.append("flush chain ").append(table).append(' ').append(p.chain()).append('\n');
            int n = p.addresses().size();
            for (int i = 0; i < n; i++) {
                InetAddress lip = p.addresses().get(i);
                out.append("add rule ").append(table).append(' ').append(p.chain()).append(' ');
                if (i < n - 1) {
                    out.append("numgen random mod ").append(n - i).append(" 0 ");
                }
                out.append("counter snat ").append(f).append(" to ").append(AddressText.of(lip)).append(" fully-random");
                comment(out, new RuleComment.LocalAddress(p.key(), lip));
            }
        }
        if (plan.rewriteMain()) {
            for (RulePlan.DestinationRule r : plan.mainRules()) {
                ServiceKey.Inet k = r.key();
                String protocol = RuleComment.protocolWord(k.protocol());
                out.append("add rule ").append(table).append(' ').append(NAMING.mainChain()).append(' ')
                        .append(f).append(" daddr ").append(AddressText.of(r.server().address()));
                if (r.server().port() != 0) {
                    out.append(' ').append(protocol).append(" dport ").append(r.server().port());
                } else {
                    out.append(" meta l4proto ").append(protocol);
                }
                out.append(" ct original ").append(f).append(" daddr ").append(AddressText.of(k.address()));
                if (k.port() != 0) {
                    out.append(" ct original proto-dst ").append(k.port());
                }
                out.append(" jump ").append(r.poolChain());
                comment(out, new RuleComment.Destination(k, r.server()));
            }
        }
        plan.deleteChains().forEach(c -> out.append("delete chain ").append(table).append(' ').append(c).append('\n'));
        return out.toString();
    }

    /** Reads {@code nft list table FAMILY lvsj} output. */
    public static FirewallView read(String listing) {
        Set<String> chains = new HashSet<>();
        List<RuleComment> comments = new ArrayList<>();
        Map<FirewallView.LocalAddressUse, Long> counters = new HashMap<>();
        boolean table = false;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("table ")) {
                table = true;
                continue;
            }
            Matcher chain = CHAIN.matcher(line);
            if (chain.find()) {
                chains.add(chain.group(1));
                continue;
            }
            Matcher m = COMMENT.matcher(line);
            RuleComment comment = m.find() ? RuleComment.parse(m.group(1)) : null;
            if (comment == null) {
                continue;
            }
            comments.add(comment);
            if (comment instanceof RuleComment.LocalAddress l) {
                Matcher c = COUNTER.matcher(line);
                counters.merge(new FirewallView.LocalAddressUse(l.key(), l.address()),
                        c.find() ? Long.parseLong(c.group(1)) : 0L, Long::sum);
            }
        }
        return FirewallView.fromRules(comments, counters, chains, table ? 1 : 0);
    }

    private static void comment(StringBuilder out, RuleComment comment) {
        out.append(" comment \"").append(comment.text()).append("\"\n");
    }
}
