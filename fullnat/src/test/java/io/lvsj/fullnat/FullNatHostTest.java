package io.lvsj.fullnat;

import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.lvsj.fullnat.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole FullNAT shell on the host, where the kernel has no IPVS: it must refuse with a
 * clear reason and leave nothing behind (no rules, no address, no sysctl, no state). The
 * working case needs IPVS and runs in the lab (FullNatKernelTest).
 */
class FullNatHostTest {

    @Test
    void withoutIpvsItRefusesAndChangesNothing(@TempDir Path run) {
        try (LabNamespace ns = LabNamespace.create("fn-host")) {
            ns.run("ip", "link", "add", "inner", "type", "veth", "peer", "name", "inner-peer").requireSuccess();
            ns.run("ip", "addr", "add", "198.51.100.1/24", "dev", "inner").requireSuccess();
            String addressesBefore = ns.run("ip", "-o", "addr").requireSuccess().stdout();
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(ns.name()), run, "nftables");
            FullNatException e = assertThrows(FullNatException.class, () -> fullNat.apply(twoServices()));
            assertEquals("sysctl net.ipv4.vs.conntrack is missing: IPVS is not loaded (add a service first)", e.getMessage());
            assertEquals(addressesBefore, ns.run("ip", "-o", "addr").requireSuccess().stdout());
            assertEquals("0", ns.run("sysctl", "-n", "net.ipv4.ip_forward").requireSuccess().stdout().strip());
            assertFalse(ns.run("nft", "list", "ruleset").requireSuccess().stdout().contains("lvsj"));
            assertTrue(fullNat.table().isEmpty());
            try (var files = Files.list(run.resolve("fullnat"))) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".state")));
            } catch (java.io.IOException io) {
                throw new AssertionError(io);
            }
        }
    }

    @Test
    void anEmptyTableOnAnUnusedNamespaceRunsNothing(@TempDir Path run) {
        try (LabNamespace ns = LabNamespace.create("fn-host")) {
            // An unknown back end would fail if anything tried to use one.
            FullNat fullNat = new FullNat(io.lvsj.sys.NetNamespace.named(ns.name()), run, "no-such-firewall");
            assertEquals(java.util.List.of(), fullNat.apply(FullNatTable.empty()));
            assertTrue(fullNat.views().isEmpty());
        }
    }
}
