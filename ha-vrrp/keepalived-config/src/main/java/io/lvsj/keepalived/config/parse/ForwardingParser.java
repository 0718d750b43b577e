package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Forwarding;

import java.util.OptionalInt;

/** The forwarding method of a virtual, real or sorry server, with keepalived's checks. */
final class ForwardingParser {
    private final ParseContext ctx;

    ForwardingParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** {@code lvs_method NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum]}; keeps {@code current} on error. */
    Forwarding parse(Statement st, Forwarding current, String serverType) {
        Forwarding.Method method;
        switch (st.word(1)) {
            case "NAT" -> method = Forwarding.Method.NAT;
            case "DR" -> method = Forwarding.Method.DR;
            case "TUN" -> method = Forwarding.Method.TUN;
            case "FNAT" -> {
                ctx.note(st, "lb_kind FNAT is a keepalived-j extension (FullNAT, as in Alibaba LVS and DPVS);"
                        + " keepalived rejects it");
                if (st.size() > 2) {
                    ctx.error(st, "FNAT takes no tunnel options - ignoring them");
                }
                return Forwarding.of(Forwarding.Method.FNAT);
            }
            default -> {
                ctx.error(st, "PARSER : unknown [" + st.word(1) + "] routing method for " + serverType + " server.");
                return current;
            }
        }
        Forwarding.TunnelType type = Forwarding.TunnelType.IPIP;
        long port = 0;
        Forwarding.TunnelChecksum csum = Forwarding.TunnelChecksum.NOCSUM;
        Forwarding keepTunnel = current;
        for (int i = 2; i < st.size(); i++) {
            String w = st.word(i);
            if (w.equals("type")) {
                if (st.size() == i + 1) {
                    ctx.error(st, "Missing tunnel type for " + serverType + " server.");
                    return partial(method, keepTunnel);
                }
                switch (st.word(i + 1)) {
                    case "ipip" -> type = Forwarding.TunnelType.IPIP;
                    case "gue" -> type = Forwarding.TunnelType.GUE;
                    case "gre" -> type = Forwarding.TunnelType.GRE;
                    default -> {
                        ctx.error(st, "Unknown tunnel type " + st.word(i + 1) + " for " + serverType + " server.");
                        return partial(method, keepTunnel);
                    }
                }
                i++;
            } else if (w.equals("port")) {
                if (st.size() == i + 1) {
                    ctx.error(st, "Missing port for " + serverType + " server gue tunnel.");
                    return partial(method, keepTunnel);
                }
                Long p = ctx.numbers(st).readUnsigned(st.word(i + 1), 1, 65535, false);
                if (p == null) {
                    ctx.error(st, "Invalid gue tunnel port " + st.word(i + 1) + " for " + serverType + " server.");
                    return partial(method, keepTunnel);
                }
                port = p;
                i++;
            } else if (w.equals("nocsum")) {
                csum = Forwarding.TunnelChecksum.NOCSUM;
            } else if (w.equals("csum")) {
                csum = Forwarding.TunnelChecksum.CSUM;
            } else if (w.equals("remcsum")) {
                csum = Forwarding.TunnelChecksum.REMCSUM;
            } else {
                ctx.error(st, "Invalid tunnel option " + w + " for " + serverType + " server.");
                return partial(method, keepTunnel);
            }
        }
        if ((type == Forwarding.TunnelType.GUE) != (port != 0)) {
            ctx.error(st, "gue tunnels require port, otherwise cannot have port.");
            return partial(method, keepTunnel);
        }
        if (type == Forwarding.TunnelType.IPIP && csum != Forwarding.TunnelChecksum.NOCSUM) {
            ctx.error(st, "ipip tunnels do not support checksum option.");
            return partial(method, keepTunnel);
        }
        if (type == Forwarding.TunnelType.GRE && csum == Forwarding.TunnelChecksum.REMCSUM) {
            ctx.error(st, "gre tunnels do not support remote checksum option.");
            return partial(method, keepTunnel);
        }
        return Forwarding.canonical(new Forwarding(method, type, port == 0 ? OptionalInt.empty() : OptionalInt.of((int) port), csum));
    }

    /** keepalived sets the method before it checks the tunnel options, and keeps the old tunnel settings on an error. */
    private static Forwarding partial(Forwarding.Method method, Forwarding old) {
        Forwarding base = old == null ? Forwarding.of(method) : old;
        return Forwarding.canonical(new Forwarding(method, base.tunnelType(), base.tunnelPort(), base.checksum()));
    }
}
