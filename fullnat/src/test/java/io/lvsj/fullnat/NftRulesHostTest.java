package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nftables back end against the host's real nft and kernel, in a namespace of its own:
 * scripts apply, read back as the table they came from, change by diff, leave other tables
 * alone, and go entirely at teardown. (Traffic through IPVS needs the lab; this needs no IPVS.)
 */
class NftRulesHostTest {
    private LabNamespace ns;
    private Firewall firewall;

    @BeforeEach
    void namespace() {
        ns = LabNamespace.create("fn-nft");
        firewall = new Firewall(FirewallBackend.NFTABLES, new CommandRunner(io.lvsj.sys.NetNamespace.named(ns.name())));
        // Someone else's NAT table, which must survive everything below.
        ns.runWithInput("table ip other {\n chain post {\n type nat hook postrouting priority 100;\n masquerade\n }\n}\n",
                "nft", "-f", "-").requireSuccess();
    }

    @AfterEach
    void close() {
        ns.close();
    }

    private void apply(FullNatTable t, AddressFamily f) {
        firewall.apply(RulePlan.between(firewall.read(f), t.only(f), firewall.naming()), f);
    }

    @Test
    void appliesReadsBackChangesAndTearsDown() {
        FullNatTable t = twoServices().withLocalAddress(WEB6, LIP6).withRealServer(WEB6, RS6);
        apply(t, AddressFamily.INET);
        apply(t, AddressFamily.INET6);
        assertEquals(t.only(AddressFamily.INET), firewall.read(AddressFamily.INET).table());
        assertEquals(t.only(AddressFamily.INET6), firewall.read(AddressFamily.INET6).table());
        assertTrue(RulePlan.between(firewall.read(AddressFamily.INET), t.only(AddressFamily.INET), firewall.naming())
                .isEmpty());

        FullNatTable changed = t.withLocalAddress(WEB, LIP3).withoutRealServer(WEB, RS2).withoutService(DNS);
        apply(changed, AddressFamily.INET);
        FirewallView v = firewall.read(AddressFamily.INET);
        assertEquals(changed.only(AddressFamily.INET), v.table());
        assertEquals(List.of(LIP1, LIP2, LIP3), v.table().service(WEB).orElseThrow().localAddresses());
        assertFalse(v.chains().contains(NftRules.NAMING.poolChain(DNS)), v.chains().toString());

        apply(FullNatTable.empty(), AddressFamily.INET);
        apply(FullNatTable.empty(), AddressFamily.INET6);
        String ruleset = ns.run("nft", "list", "ruleset").requireSuccess().stdout();
        assertFalse(ruleset.contains("lvsj"), ruleset);
        assertTrue(ruleset.contains("table ip other"), ruleset);
    }

    @Test
    void aRefusedScriptChangesNothing() {
        apply(twoServices(), AddressFamily.INET);
        // A pool chain the kernel refuses to delete (another table cannot jump into it, so use a
        // rule of our own chain that the plan does not know about): the whole transaction fails.
        String pool = NftRules.NAMING.poolChain(DNS);
        ns.run("nft", "add", "chain", "ip", "lvsj", "extra").requireSuccess();
        ns.run("nft", "add", "rule", "ip", "lvsj", "extra", "jump", pool).requireSuccess();
        FullNatException e = assertThrows(FullNatException.class,
                () -> apply(twoServices().withoutService(DNS).withLocalAddress(WEB, LIP3), AddressFamily.INET));
        assertTrue(e.getMessage().startsWith("FullNAT source NAT rules (nftables, IPv4) were not changed: "), e.getMessage());
        assertEquals(twoServices(), firewall.read(AddressFamily.INET).table());
    }
}
