package io.lvsj.rtnl;

import io.lvsj.netlink.GenericFamily;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

/**
 * The kernel's foo-over-UDP receive ports ({@code ip fou add port P gue}), over generic
 * netlink family {@code fou}: a GUE port takes the UDP and GUE headers off and hands the
 * inner packet (for IPVS, IPv4-in-IPv4) to the tunnel drivers. Resolving the family loads the
 * {@code fou} module where the kernel can; where it cannot, opening fails with ENOENT.
 */
public final class FouClient implements AutoCloseable {
    private static final int CMD_ADD = 1;
    private static final int CMD_DEL = 2;
    private static final int ATTR_PORT = 1;
    private static final int ATTR_AF = 2;
    private static final int ATTR_TYPE = 4;
    private static final int ENCAP_GUE = 2;
    private static final int AF_INET = 2;

    private final NetlinkChannel channel;
    private final int familyId;

    private FouClient(NetlinkChannel channel, int familyId) {
        this.channel = channel;
        this.familyId = familyId;
    }

    /** @param namespace the namespace, or {@code null} for the caller's */
    public static FouClient open(NetNamespace namespace) {
        NetlinkChannel channel;
        try {
            channel = new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_GENERIC, namespace));
        } catch (ErrnoException e) {
            throw new NetlinkException("open a generic netlink socket", e.errno(), null, e);
        }
        try {
            return new FouClient(channel, GenericFamily.resolve(channel, "fou").id());
        } catch (NetlinkException e) {
            channel.close();
            throw e;
        }
    }

    /** Opens a GUE receive port for IPv4 ({@code ip fou add port P gue}); EEXIST if it is open. */
    public void addGuePort(int port) {
        channel.execute("add fou port " + port + " gue", familyId, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                w -> w.genlHeader(CMD_ADD, 1).be16(ATTR_PORT, port).u8(ATTR_AF, AF_INET).u8(ATTR_TYPE, ENCAP_GUE));
    }

    /** Closes a receive port ({@code ip fou del port P}); ENOENT if none is open. */
    public void deletePort(int port) {
        channel.execute("delete fou port " + port, familyId, 0,
                w -> w.genlHeader(CMD_DEL, 1).be16(ATTR_PORT, port).u8(ATTR_AF, AF_INET));
    }

    @Override
    public void close() {
        channel.close();
    }
}
