package io.lvsj.rtnl;

import io.lvsj.lab.LabNamespace;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkSocket;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's netlink faults, against the host kernel in a namespace of their own: a dump on a
 * socket whose buffer overflowed (ENOBUFS, here from link notifications it also listens to) is
 * read to its end and started again, never returned partial.
 */
class RtnlDumpFaultTest {
    private static final int PAIRS = 40;

    @Test
    void aDumpAfterTheKernelDroppedMessagesIsStartedAgainAndComplete() {
        try (LabNamespace ns = LabNamespace.create("lvsj-enobufs")) {
            NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, io.lvsj.sys.NetNamespace.named(ns.name()));
            socket.joinGroup(1); // RTNLGRP_LINK: notifications share the buffer with the dump
            socket.receiveBuffer(1); // the kernel's minimum, a few messages
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < PAIRS; i++) {
                batch.append("link add f").append(i).append(" type veth peer name g").append(i).append('\n');
            }
            ns.runWithInput(batch.toString(), "ip", "-batch", "-").requireSuccess();
            try (RtnlClient client = new RtnlClient(new NetlinkChannel(socket))) {
                // the first receive reports the overflow; the dump is drained, then done again
                List<Link> links = client.links();
                assertEquals(2 * PAIRS + 1, links.size(), "every link, lo included");
                assertTrue(links.stream().anyMatch(l -> l.name().equals("g" + (PAIRS - 1))));
                assertEquals(2 * PAIRS + 1, client.links().size(), "the socket is usable afterwards");
            }
        }
    }

    /** The same overflow really happens: one dump on its own reports it (ENOBUFS) instead of a table. */
    @Test
    void withoutStartingAgainTheOverflowIsReportedNotHidden() {
        try (LabNamespace ns = LabNamespace.create("lvsj-enobufs")) {
            NetlinkSocket socket = NetlinkSocket.open(Netlink.NETLINK_ROUTE, io.lvsj.sys.NetNamespace.named(ns.name()));
            socket.joinGroup(1);
            socket.receiveBuffer(1);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < PAIRS; i++) {
                batch.append("link add f").append(i).append(" type veth peer name g").append(i).append('\n');
            }
            ns.runWithInput(batch.toString(), "ip", "-batch", "-").requireSuccess();
            try (NetlinkChannel channel = new NetlinkChannel(socket)) {
                NetlinkException e = assertThrows(NetlinkException.class, () -> channel.dump("list links",
                        Rtnl.RTM_GETLINK, w -> RtnlCodec.dumpHeader(w, Rtnl.IFINFOMSG_LENGTH), m -> { }));
                assertEquals(io.lvsj.sys.Errno.ENOBUFS.number(), e.errno(), e.getMessage());
            }
        }
    }
}
