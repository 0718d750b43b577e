package io.lvsj.keepalived.config.parse;

/** The keywords owned by keepalived's child processes: VRRP, checker, BFD and track files. */
final class Sections {
    final BfdSection bfd;
    private final TrackFileSection trackFiles;
    private final VrrpRootSection vrrpRoot;
    private final VrrpInstanceSection vrrpInstance;
    private final VirtualServerSection check;

    Sections(ParseContext ctx) {
        AddressParser addresses = new AddressParser(ctx);
        RouteParser routes = new RouteParser(ctx, addresses);
        RuleParser rules = new RuleParser(ctx, addresses);
        Trackers trackers = new Trackers(ctx);
        this.bfd = new BfdSection(ctx);
        this.trackFiles = new TrackFileSection(ctx);
        this.vrrpRoot = new VrrpRootSection(ctx, addresses, routes, rules, trackers);
        this.vrrpInstance = new VrrpInstanceSection(ctx, addresses, routes, rules, trackers);
        this.check = new VirtualServerSection(ctx, new CheckerSection(ctx, bfd));
    }

    /** Registers the roots in keepalived's order: VRRP, checker, BFD, track files. */
    void install(Grammar grammar, boolean active) {
        vrrpRoot.install(grammar, active);
        vrrpInstance.install(grammar, active);
        check.install(grammar, active);
        bfd.install(grammar, active);
        trackFiles.install(grammar, active);
    }
}
