package io.lvsj.fullnat;

import io.lvsj.ipvs.AddressFamily;

/**
 * One back end's view of LVS-J's rules: read them back, and carry out a {@link RulePlan}
 * atomically (one {@code nft -f} transaction, or one {@code iptables-restore --noflush} of the
 * nat table). Only LVS-J's own chains and its one jump rule are ever written.
 */
public final class Firewall {
    private final FirewallBackend backend;
    private final CommandRunner runner;

    public Firewall(FirewallBackend backend, CommandRunner runner) {
        this.backend = backend;
        this.runner = runner;
    }

    public FirewallBackend backend() {
        return backend;
    }

    public RulePlan.Naming naming() {
        return backend.isIptables() ? IptablesRules.NAMING : NftRules.NAMING;
    }

    public FirewallView read(AddressFamily family) {
        if (backend.isIptables()) {
            CommandRunner.Result r = runner.run("", backend.iptablesTool(family, "save"), "-c", "-t", "nat");
            if (!r.ok()) {
                throw new FullNatException("cannot read the " + backend.word() + " nat table: " + r.firstMessage());
            }
            return IptablesRules.read(r.stdout());
        }
        CommandRunner.Result r = runner.run("", "nft", "list", "table", NftRules.family(family), NftRules.TABLE);
        if (!r.ok()) {
            if (r.stderr().contains("No such file or directory")) {
                return FirewallView.none();
            }
            throw new FullNatException("cannot read nftables table " + NftRules.family(family) + " " + NftRules.TABLE
                    + ": " + r.firstMessage());
        }
        return NftRules.read(r.stdout());
    }

    /** Carries out {@code plan}; nothing changes when it fails. */
    public void apply(RulePlan plan, AddressFamily family) {
        if (plan.isEmpty()) {
            return;
        }
        CommandRunner.Result r;
        if (backend.isIptables()) {
            r = runner.run(IptablesRules.restoreInput(plan), backend.iptablesTool(family, "restore"), "--noflush",
                    "--wait", "10");
        } else {
            r = runner.run(NftRules.script(plan, family), "nft", "-f", "-");
        }
        if (!r.ok()) {
            throw new FullNatException("FullNAT source NAT rules (" + backend.word() + ", "
                    + (family == AddressFamily.INET ? "IPv4" : "IPv6") + ") were not changed: " + r.firstMessage());
        }
    }
}
