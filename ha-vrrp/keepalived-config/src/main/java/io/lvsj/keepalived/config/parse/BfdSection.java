package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.BfdInstance;
import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bfd_instance} ({@code bfd_parser.c}). keepalived reads this block three times: the
 * BFD process for the session, the VRRP process for its name and {@code weight}, the checker
 * for its name. All three views are gathered in one reading here.
 */
final class BfdSection {
    private static final long MINRX_MIN = 1;
    private static final long MAX_MS = 0xFFFF_FFFFL / 1000;
    private static final long IDLETX_MIN = 1000;

    private final ParseContext ctx;
    final List<BfdInstance> instances = new ArrayList<>();
    /** Names the checker process knows, for {@code BFD_CHECK}. */
    final List<String> checkerNames = new ArrayList<>();

    private Draft current;
    private VrrpData.TrackedBfdDraft vrrpView;
    private String checkerView;
    private boolean eventVrrp;
    private boolean eventChecker;

    private static final class Draft {
        final Location location;
        final String name;
        InetAddress neighbor;
        String neighborWord = "neighbor";
        InetAddress source;
        long minRx = 10_000;
        long minTx = 10_000;
        long idleTx = 1_000_000;
        long multiplier = 5;
        boolean passive;
        long ttl;
        long maxHops;
        boolean dropped;

        Draft(Location location, String name) {
            this.location = location;
            this.name = name;
        }
    }

    BfdSection(ParseContext ctx) {
        this.ctx = ctx;
    }

    void install(Grammar grammar, boolean active) {
        Keyword k = grammar.root("bfd_instance", this::open, active);
        k.add("source_ip", this::source);
        k.add("neighbor_ip", this::neighbor);
        k.add("neighbour_ip", this::neighbor);
        k.add("min_rx", st -> current.minRx = interval(st, "min_rx", MINRX_MIN, current.minRx));
        k.add("min_tx", st -> current.minTx = interval(st, "min_tx", MINRX_MIN, current.minTx));
        k.add("idle_tx", st -> current.idleTx = interval(st, "idle_tx", IDLETX_MIN, current.idleTx));
        k.add("multiplier", st -> {
            if (current.dropped) {
                return;
            }
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, 255, false);
            if (v == null) {
                ctx.error(st, "Configuration error: BFD instance " + current.name + " multiplier value " + st.word(1)
                        + " not valid (must be in range [1-255]), ignoring");
            } else {
                current.multiplier = v;
            }
        });
        k.add("passive", st -> current.passive = true);
        k.add("ttl", this::ttl);
        k.add("hoplimit", this::ttl);
        k.add("max_hops", st -> {
            if (current.dropped) {
                return;
            }
            Long v = ctx.numbers(st).readInt(st.word(1), -1, 255, false);
            if (v == null) {
                ctx.error(st, "Configuration error: BFD instance " + current.name + " max_hops value " + st.word(1)
                        + " not valid (must be in range [-1-255]), ignoring");
            } else {
                current.maxHops = v;
            }
        });
        k.add("weight", this::weight);
        k.add("vrrp", st -> eventVrrp = true);
        k.add("checker", st -> eventChecker = true);
        k.onClose(this::close);
    }

    private void open(Statement st) {
        String name = st.word(1);
        eventVrrp = false;
        eventChecker = false;
        current = new Draft(st.location(), name);
        vrrpView = null;
        checkerView = null;
        if (name.length() >= 32) {
            ctx.error(st, "Configuration error: BFD instance " + name + " name too long (maximum length is 31 characters) - ignoring");
            ctx.error(st, "BFD name " + name + " too long");
            ctx.parser.skipBlock(true);
            return;
        }
        boolean duplicate = instances.stream().anyMatch(b -> b.name().equals(name)) || ctx.vrrp.findBfd(name) != null;
        if (duplicate) {
            ctx.error(st, "Configuration error: BFD instance " + name + " already configured - ignoring");
            ctx.error(st, "BFD " + name + " already specified");
            ctx.parser.skipBlock(true);
            return;
        }
        vrrpView = new VrrpData.TrackedBfdDraft(name);
        checkerView = name;
    }

    private void source(Statement st) {
        if (current.dropped) {
            return;
        }
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
        if (a == null) {
            ctx.error(st, "Configuration error: BFD instance " + current.name + " has malformed source address " + st.word(1) + ", ignoring");
        } else {
            current.source = a;
        }
    }

    private void neighbor(Statement st) {
        if (current.dropped) {
            return;
        }
        if (st.word(0).equals("neighbour_ip")) {
            current.neighborWord = "neighbour";
        }
        InetAddress a = Addresses.parse(Addresses.stripRangeAndMask(st.word(1)));
        if (a == null) {
            ctx.error(st, "Configuration error: BFD instance " + current.name + " has malformed " + current.neighborWord
                    + " address " + st.word(1) + ", ignoring instance");
            // keepalived's BFD process skips the rest of the block; the VRRP and checker
            // processes, which ignore this keyword, still read their parts of it.
            current.dropped = true;
            return;
        }
        current.neighbor = a;
    }

    private long interval(Statement st, String name, long min, long keep) {
        if (current.dropped) {
            return keep;
        }
        Long v = ctx.numbers(st).readDecimal(st.word(1), min * 1000, MAX_MS * 1000, 3, false);
        if (v == null) {
            ctx.error(st, "Configuration error: BFD instance " + current.name + " " + name + " value " + st.word(1)
                    + " is not valid (must be in range [" + min + "-" + MAX_MS + "]), ignoring");
            return keep;
        }
        if (v > 10_000L * 1000) {
            ctx.note(st, "Configuration warning: BFD instance " + current.name + " " + name + " value " + st.word(1)
                    + " is larger than max sensible (10000)");
        }
        return v;
    }

    private void ttl(Statement st) {
        if (current.dropped) {
            return;
        }
        Long v = ctx.numbers(st).readUnsigned(st.word(1), 1, 255, false);
        if (v == null) {
            ctx.error(st, "Configuration error: BFD instance " + current.name + " ttl/hoplimit value " + st.word(1)
                    + " not valid (must be in range [1-255]), ignoring");
        } else {
            current.ttl = v;
        }
    }

    private void weight(Statement st) {
        Long v = ctx.numbers(st).readInt(st.word(1), -253, 253, true);
        if (v == null) {
            ctx.error(st, "Configuration error: BFD instance " + current.name + " weight value " + st.word(1)
                    + " not valid (must be in range [-253-253]), ignoring");
        } else if (vrrpView != null) {
            vrrpView.weight = v.intValue();
        }
        if (st.size() >= 3) {
            if (!st.word(2).equals("reverse")) {
                ctx.error(st, "Configuration error: BFD instance " + current.name + " unknown weight option " + st.word(2));
            } else if (vrrpView != null) {
                vrrpView.reverse = true;
            }
        }
    }

    private void close() {
        boolean forVrrp = !eventVrrp && !eventChecker || eventVrrp;
        boolean forChecker = !eventVrrp && !eventChecker || eventChecker;
        if (vrrpView != null && forVrrp) {
            ctx.vrrp.bfds.add(vrrpView);
        }
        if (checkerView != null && forChecker) {
            checkerNames.add(checkerView);
        }
        Draft b = current;
        if (b.dropped) {
            return;
        }
        if (b.neighbor == null) {
            ctx.report(b.location, Severity.GENERAL, "Configuration error: BFD instance " + b.name + " has no "
                    + b.neighborWord + " address set, disabling instance");
            return;
        }
        if (b.source != null && Addresses.isIpv6(b.source) != Addresses.isIpv6(b.neighbor)) {
            ctx.report(b.location, Severity.GENERAL, "Configuration error: BFD instance " + b.name + " source address "
                    + Addresses.format(b.source) + " and " + b.neighborWord + " address " + Addresses.format(b.neighbor)
                    + " are not of the same family, disabling instance");
            return;
        }
        for (BfdInstance other : instances) {
            if (other.neighbor().equals(b.neighbor) && other.source().equals(Optional.ofNullable(b.source))) {
                ctx.report(b.location, Severity.GENERAL, "Configuration error: BFD instance " + b.name + " has duplicate "
                        + (b.source != null ? "source/" + b.neighborWord + " address " + Addresses.format(b.source) + "/"
                        : b.neighborWord + " address ") + Addresses.format(b.neighbor) + ", ignoring instance");
                return;
            }
        }
        if (b.ttl == 0) {
            b.ttl = Addresses.isIpv6(b.neighbor) ? 64 : 255;
        }
        if (b.maxHops > b.ttl) {
            ctx.report(b.location, Severity.GENERAL, "BFD instance " + b.name + ": max_hops exceeds ttl/hoplimit - setting to ttl/hoplimit");
            b.maxHops = b.ttl;
        }
        int weight = vrrpView == null ? 0 : vrrpView.weight;
        boolean reverse = vrrpView != null && vrrpView.reverse;
        instances.add(new BfdInstance(b.location, b.name, b.neighbor, Optional.ofNullable(b.source),
                Drafts.micros(b.minRx), Drafts.micros(b.minTx), Drafts.micros(b.idleTx), (int) b.multiplier,
                b.passive, (int) b.ttl, (int) b.maxHops, weight, reverse, forVrrp, forChecker));
    }
}
