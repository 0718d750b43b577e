package io.lvsj.syncd.cluster;

import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FRAG2;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.pbcast.STATE;
import org.jgroups.stack.Protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The two JGroups stacks, built in code from {@link ClusterSettings} rather than from XML, so
 * lvs-syncd's own config file is the one place they are set. Both are JGroups' shipped
 * {@code udp.xml} / {@code tcp.xml} with three changes:
 * <ul>
 *   <li>{@link Seal} directly above the transport: every message needs the cluster key;</li>
 *   <li>{@code STATE} (streamed in chunks, through the sealed stack) for state transfer, since
 *       a table of a million connections is tens of megabytes; {@code STATE_SOCK} would bypass
 *       the seal;</li>
 *   <li>quicker failure detection (8 s) and merging than the defaults, and no {@code FD_SOCK2}
 *       (its own sockets are not sealed); JGroups' diagnostics port stays off.</li>
 * </ul>
 */
public final class Stacks {
    private Stacks() {
    }

    /** The protocols, transport first, as {@code new JChannel(List)} takes them. */
    public static List<Protocol> protocols(ClusterSettings s, Seal seal) {
        List<Protocol> p = new ArrayList<>();
        if (s.transport() == Transport.MULTICAST) {
            UDP udp = new UDP().setMcastGroupAddr(s.multicastGroup()).setMulticastPort(s.multicastPort())
                    .setMulticastTTL(s.multicastTtl());
            p.add(transport(udp, s));
            p.add(seal);
            p.add(new PING());
        } else {
            p.add(transport(new TCP(), s));
            p.add(seal);
            p.add(new TCPPING().setInitialHosts(s.peers()).setPortRange(0));
        }
        p.add(new MERGE3().setMinInterval(2_000).setMaxInterval(6_000));
        p.add(new FD_ALL3().setTimeout(8_000).setInterval(2_000));
        p.add(new VERIFY_SUSPECT2().setTimeout(1_500));
        p.add(new BARRIER());
        p.add(new NAKACK2().useMcastXmit(false));
        p.add(new UNICAST3());
        p.add(new STABLE());
        p.add(new GMS().setJoinTimeout(2_000).printLocalAddress(false));
        p.add(new UFC());
        p.add(new MFC());
        p.add(new FRAG2());
        p.add(new STATE());
        return p;
    }

    private static TP transport(TP tp, ClusterSettings s) {
        // Platform threads: a handful of members needs no virtual threads, and a virtual thread's
        // carrier may have been started in another network namespace (tests run members in several).
        return tp.setBindAddress(s.bindAddress()).setBindPort(s.port()).setPortRange(0).useVirtualThreads(false);
    }
}
