package io.lvsj.fullnat;

import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The change that takes one family's LVS-J rules from what the firewall holds to what the
 * table asks for, the same for both back ends. The layout:
 * <ul>
 *   <li>a main chain at the NAT postrouting hook with one rule per FullNAT real server: it
 *       matches the connection IPVS sent to that server for that service and jumps to
 *   <li>the service's pool chain, one rule per local address: the first takes a new connection
 *       with probability 1/N, the next 1/(N-1) of the rest, and so on, so each connection picks
 *       an address of the pool at random. Random, not in turns: turns shared by all of a
 *       service's real servers fall into step with a round-robin scheduler (two servers, two
 *       addresses: each server would only ever see one, halving its source-port budget). A
 *       range {@code --to-source A-B} would pin each client and real server pair to one address.
 * </ul>
 * Only what changed is rewritten: a pool whose addresses changed, the main chain when the set
 * of FullNAT real servers changed, a pool chain whose service is gone. Established connections
 * are never affected: their translation lives in conntrack, not in the rules.
 */
public record RulePlan(boolean teardown, boolean createMain, boolean rewriteMain, List<DestinationRule> mainRules,
                       List<Pool> pools, List<String> deleteChains, boolean addHook, int removeHooks) {

    /** A rule of the main chain. */
    public record DestinationRule(ServiceKey.Inet key, RealServer server, String poolChain) {
    }

    /** A pool chain to create or rewrite with these addresses, in rule order. */
    public record Pool(String chain, ServiceKey.Inet key, List<InetAddress> addresses) {
    }

    /** How a back end names its chains. */
    public record Naming(String mainChain, String poolPrefix) {
        public String poolChain(ServiceKey.Inet key) {
            return poolPrefix + digest(key);
        }

        boolean isPool(String chain) {
            return chain.startsWith(poolPrefix);
        }
    }

    public boolean isEmpty() {
        return !teardown && !createMain && !rewriteMain && pools.isEmpty() && deleteChains.isEmpty() && !addHook
                && removeHooks == 0;
    }

    public static RulePlan between(FirewallView current, FullNatTable desired, Naming naming) {
        if (desired.isEmpty()) {
            boolean anything = current.hooked() || !current.chains().isEmpty();
            List<String> chains = new ArrayList<>(new TreeSet<>(current.chains()));
            return new RulePlan(anything, false, false, List.of(), List.of(), chains, false, current.hooks());
        }
        Set<String> wanted = new TreeSet<>();
        List<Pool> pools = new ArrayList<>();
        List<DestinationRule> mainRules = new ArrayList<>();
        for (FullNatService s : desired.services().values()) {
            String chain = naming.poolChain(s.key());
            wanted.add(chain);
            List<InetAddress> now = current.table().service(s.key()).map(FullNatService::localAddresses).orElse(List.of());
            if (!current.chains().contains(chain) || !now.equals(s.localAddresses())) {
                pools.add(new Pool(chain, s.key(), s.localAddresses()));
            }
            for (RealServer r : s.realServers()) {
                mainRules.add(new DestinationRule(s.key(), r, chain));
            }
        }
        List<DestinationRule> currentRules = new ArrayList<>();
        for (FullNatService s : current.table().services().values()) {
            for (RealServer r : s.realServers()) {
                currentRules.add(new DestinationRule(s.key(), r, naming.poolChain(s.key())));
            }
        }
        boolean createMain = !current.chains().contains(naming.mainChain());
        List<String> delete = current.chains().stream()
                .filter(c -> naming.isPool(c) && !wanted.contains(c)).sorted().toList();
        // A pool chain can only go once nothing jumps to it: rewrite the main chain then too.
        boolean rewriteMain = createMain || !currentRules.equals(mainRules) || !delete.isEmpty();
        return new RulePlan(false, createMain, rewriteMain, mainRules, pools, delete, !current.hooked(), 0);
    }

    /** 16 hex digits of SHA-256 of the service: a stable chain name under the 28-character limit of iptables. */
    static String digest(ServiceKey.Inet key) {
        try {
            byte[] text = (RuleComment.protocolWord(key.protocol()) + " " + AddressText.of(key.address()) + " " + key.port())
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text);
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
