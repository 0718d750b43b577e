package io.lvsj.fullnat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulePlanTest {
    private static final RulePlan.Naming NAMING = IptablesRules.NAMING;

    /** The view of a firewall that holds exactly {@code table}'s rules. */
    static FirewallView holding(FullNatTable table) {
        Set<String> chains = new java.util.HashSet<>();
        chains.add(NAMING.mainChain());
        table.services().keySet().forEach(k -> chains.add(NAMING.poolChain(k)));
        return new FirewallView(table, Map.of(), chains, 1);
    }

    @Test
    void fromNothingEverythingIsMade() {
        RulePlan p = RulePlan.between(FirewallView.none(), twoServices(), NAMING);
        assertTrue(p.createMain() && p.rewriteMain() && p.addHook());
        assertEquals(2, p.pools().size());
        assertEquals(3, p.mainRules().size());
        assertEquals(List.of(), p.deleteChains());
    }

    @Test
    void theSameTableChangesNothing() {
        assertTrue(RulePlan.between(holding(twoServices()), twoServices(), NAMING).isEmpty());
    }

    @Test
    void aNewLocalAddressRewritesOnlyItsPool() {
        RulePlan p = RulePlan.between(holding(twoServices()), twoServices().withLocalAddress(DNS, LIP1), NAMING);
        assertFalse(p.rewriteMain());
        assertEquals(1, p.pools().size());
        assertEquals(List.of(LIP3, LIP1), p.pools().getFirst().addresses());
    }

    @Test
    void aRemovedServerRewritesTheMainChainOnly() {
        RulePlan p = RulePlan.between(holding(twoServices()), twoServices().withoutRealServer(WEB, RS2), NAMING);
        assertTrue(p.rewriteMain());
        assertEquals(List.of(), p.pools());
        assertEquals(2, p.mainRules().size());
    }

    @Test
    void aRemovedServiceDeletesItsPoolChain() {
        RulePlan p = RulePlan.between(holding(twoServices()), twoServices().withoutService(DNS), NAMING);
        assertTrue(p.rewriteMain());
        assertEquals(List.of(NAMING.poolChain(DNS)), p.deleteChains());
    }

    @Test
    void anEmptyTableTearsDownWhatIsThere() {
        RulePlan p = RulePlan.between(holding(twoServices()), FullNatTable.empty(), NAMING);
        assertTrue(p.teardown());
        assertEquals(1, p.removeHooks());
        assertEquals(3, p.deleteChains().size());
        assertTrue(RulePlan.between(FirewallView.none(), FullNatTable.empty(), NAMING).isEmpty());
    }

    @Test
    void chainNamesFitIptables() {
        String name = NAMING.poolChain(WEB6);
        assertTrue(name.length() <= 28, name);
        assertEquals(name, NAMING.poolChain(WEB6));
        assertFalse(name.equals(NAMING.poolChain(WEB)));
    }
}
