package io.lvsj.ctnl;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An entry to create in (or update into) a kernel's conntrack table: what a backup director
 * needs to carry on a connection another director tracked. The kernel builds source NAT from a
 * reply tuple that is not yet translated plus the translation, as {@code conntrack -I
 * --src-nat} and conntrackd ask for it: {@link #replicating} turns an observed entry into that.
 *
 * @param original       the original tuple
 * @param reply          the reply tuple before source NAT: its destination is the original source
 * @param sourceNat      the address and port replies go to after source NAT, or {@code null}
 * @param status         {@code IPS_*} bits the new entry gets (the kernel accepts only some, see {@link #replicating})
 * @param tcpState       the TCP state, or -1 for none (other protocols)
 */
public record NewConntrack(ConntrackTuple original, ConntrackTuple reply, SourceNat sourceNat, int status,
                           long timeoutSeconds, int mark, int zone, int tcpState) {

    /** Source NAT to one address and port. */
    public record SourceNat(InetAddress address, int port) {
        public SourceNat {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** Status bits a new entry may be given: the kernel refuses to have the others set from outside. */
    static final int SETTABLE_STATUS = Conntrack.SEEN_REPLY | Conntrack.ASSURED;

    public NewConntrack {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reply, "reply");
        if (!original.hasPorts()) {
            throw new IllegalArgumentException("only protocols with ports are created: " + original.protocol());
        }
        if (original.protocol() != reply.protocol() || original.ipv4() != reply.ipv4()) {
            throw new IllegalArgumentException("original and reply tuples differ in protocol or family");
        }
        if (sourceNat != null && sourceNat.address() instanceof java.net.Inet4Address != original.ipv4()) {
            throw new IllegalArgumentException("source NAT address of the other family: " + sourceNat.address());
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 0xffff_ffffL) {
            throw new IllegalArgumentException("timeout out of range: " + timeoutSeconds);
        }
    }

    /**
     * The entry that reproduces {@code observed} in another kernel. A reply destination other
     * than the original source is source NAT: the reply tuple is written back untranslated
     * and the translation is asked for, so the kernel binds it as its own NAT would have. The
     * reply's source stays as observed: where IPVS sent the connection to a real server that
     * is simply the reply tuple, and IPVS (not NAT) translates the destination on the way.
     * Status keeps the bits the kernel lets one set (seen reply, assured); the timeout is at
     * least a second.
     */
    public static NewConntrack replicating(Conntrack observed) {
        ConntrackTuple o = observed.original();
        ConntrackTuple r = observed.reply();
        SourceNat nat = null;
        ConntrackTuple reply = r;
        if (observed.sourceTranslated()) {
            nat = new SourceNat(r.destination(), r.destinationPort());
            reply = new ConntrackTuple(r.protocol(), r.source(), r.sourcePort(), o.source(), o.sourcePort());
        }
        return new NewConntrack(o, reply, nat, observed.status() & SETTABLE_STATUS,
                Math.max(1, observed.timeoutSeconds()), observed.mark(), observed.zone(),
                o.protocol() == ConntrackTuple.TCP ? Math.max(observed.tcpState(), 0) : -1);
    }

    /** The same entry with another timeout (what is left of it when it is handed on later). */
    public NewConntrack withTimeout(long seconds) {
        return new NewConntrack(original, reply, sourceNat, status, seconds, mark, zone, tcpState);
    }

    @Override
    public String toString() {
        return original + " -> " + reply + (sourceNat == null ? ""
                : " snat " + sourceNat.address().getHostAddress() + ":" + sourceNat.port());
    }
}
