package io.lvsj.ipvs;

import io.lvsj.netlink.Attributes;
import io.lvsj.netlink.MessageWriter;
import io.lvsj.netlink.NetlinkMessage;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static io.lvsj.ipvs.IpvsGenl.*;

/**
 * Encodes IPVS requests and decodes the kernel's replies: pure functions over netlink
 * buffers, no sockets. Requests carry the same attributes, in the same order, as ipvsadm
 * 1.31 sends, so the kernel sees the same bytes from either tool.
 *
 * <p>Kernel quirks handled here: the {@code HASHED} service flag is never sent (a service
 * added with it is never hashed) and is dropped on read; addresses arrive in 16 bytes and
 * are cut by family, never by length; ports are big-endian, the sync daemon's port is not;
 * the IPv4 netmask is raw bytes while the IPv6 one is a prefix length; a destination without
 * {@code ADDR_FAMILY} (kernels before 3.18) has its service's family; statistics come from
 * {@code STATS64} when present, else from the 32-bit {@code STATS}.
 */
public final class IpvsCodec {
    private static final int ADDRESS_ATTRIBUTE_LENGTH = 16;

    private IpvsCodec() {
    }

    /** The genl command a request uses. */
    public static int commandOf(IpvsCommand command) {
        return switch (command) {
            case IpvsCommand.AddService _ -> CMD_NEW_SERVICE;
            case IpvsCommand.EditService _ -> CMD_SET_SERVICE;
            case IpvsCommand.DeleteService _ -> CMD_DEL_SERVICE;
            case IpvsCommand.AddDestination _ -> CMD_NEW_DEST;
            case IpvsCommand.EditDestination _ -> CMD_SET_DEST;
            case IpvsCommand.DeleteDestination _ -> CMD_DEL_DEST;
            case IpvsCommand.Zero _ -> CMD_ZERO;
            case IpvsCommand.Flush _ -> CMD_FLUSH;
            case IpvsCommand.SetTimeouts _ -> CMD_SET_CONFIG;
            case IpvsCommand.StartDaemon _ -> CMD_NEW_DAEMON;
            case IpvsCommand.StopDaemon _ -> CMD_DEL_DAEMON;
        };
    }

    /** Writes the genl header and attributes of {@code command}. */
    public static void encode(IpvsCommand command, MessageWriter w) {
        w.genlHeader(commandOf(command), VERSION);
        switch (command) {
            case IpvsCommand.AddService(Service s) -> service(w, s);
            case IpvsCommand.EditService(Service s) -> service(w, s);
            case IpvsCommand.DeleteService(ServiceKey k) -> serviceKey(w, k);
            case IpvsCommand.AddDestination(ServiceKey k, Destination d) -> {
                serviceKey(w, k);
                destination(w, d);
            }
            case IpvsCommand.EditDestination(ServiceKey k, Destination d) -> {
                serviceKey(w, k);
                destination(w, d);
            }
            case IpvsCommand.DeleteDestination(ServiceKey k, InetAddress address, int port) -> {
                serviceKey(w, k);
                destination(w, Destination.of(address, port, ForwardingMethod.DROUTE));
            }
            case IpvsCommand.Zero(ServiceKey k) -> {
                if (k != null) {
                    serviceKey(w, k);
                }
            }
            case IpvsCommand.Flush _ -> {
            }
            case IpvsCommand.SetTimeouts(Timeouts t) -> w.u32(CMD_ATTR_TIMEOUT_TCP, t.tcp())
                    .u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin())
                    .u32(CMD_ATTR_TIMEOUT_UDP, t.udp());
            case IpvsCommand.StartDaemon(SyncDaemon d) -> daemon(w, d);
            case IpvsCommand.StopDaemon(DaemonState state, int syncId) -> {
                int nest = w.beginNested(CMD_ATTR_DAEMON);
                w.u32(DAEMON_ATTR_STATE, state.number()).string(DAEMON_ATTR_MCAST_IFN, "")
                        .u32(DAEMON_ATTR_SYNC_ID, syncId);
                w.endNested(nest);
            }
        }
    }

    /** Writes a bodyless request: GET_INFO, GET_CONFIG, or a dump of services or daemons. */
    public static void encodeGet(int genlCommand, MessageWriter w) {
        w.genlHeader(genlCommand, VERSION);
    }

    /** Writes a request naming one service: GET_SERVICE (one) or GET_DEST (dump). */
    public static void encodeGet(int genlCommand, ServiceKey key, MessageWriter w) {
        w.genlHeader(genlCommand, VERSION);
        serviceKey(w, key);
    }

    private static void service(MessageWriter w, Service s) {
        int nest = w.beginNested(CMD_ATTR_SERVICE);
        keyAttributes(w, s.key());
        w.string(SVC_ATTR_SCHED_NAME, s.scheduler());
        if (!s.persistenceEngine().isEmpty()) {
            w.string(SVC_ATTR_PE_NAME, s.persistenceEngine());
        }
        flags(w, s.flags().bits());
        w.u32(SVC_ATTR_TIMEOUT, s.timeout());
        netmask(w, s.key().family(), s.netmask());
        w.endNested(nest);
    }

    /**
     * A service nest that only identifies: ipvsadm sends the full set with empty values
     * (scheduler "", flags 0, timeout 0, default netmask) and the kernel reads only the key.
     */
    private static void serviceKey(MessageWriter w, ServiceKey key) {
        int nest = w.beginNested(CMD_ATTR_SERVICE);
        keyAttributes(w, key);
        w.string(SVC_ATTR_SCHED_NAME, "");
        flags(w, 0);
        w.u32(SVC_ATTR_TIMEOUT, 0);
        netmask(w, key.family(), Service.fullNetmask(key.family()));
        w.endNested(nest);
    }

    private static void keyAttributes(MessageWriter w, ServiceKey key) {
        w.u16(SVC_ATTR_AF, key.family().number());
        switch (key) {
            case ServiceKey.Inet(IpProtocol protocol, InetAddress address, int port) -> {
                w.u16(SVC_ATTR_PROTOCOL, protocol.number());
                w.address(SVC_ATTR_ADDR, address, ADDRESS_ATTRIBUTE_LENGTH);
                w.be16(SVC_ATTR_PORT, port);
            }
            case ServiceKey.Fwmark(int mark, AddressFamily _) -> w.u32(SVC_ATTR_FWMARK, mark);
        }
    }

    private static void flags(MessageWriter w, int bits) {
        // {flags, mask} with every bit under the mask, as ipvsadm does: the kernel then replaces
        // the flags instead of merging them with the old ones.
        w.u32s(SVC_ATTR_FLAGS, bits & ~ServiceFlags.HASHED, 0xffffffff);
    }

    private static void netmask(MessageWriter w, AddressFamily family, int netmask) {
        if (family == AddressFamily.INET) {
            w.be32(SVC_ATTR_NETMASK, netmask);
        } else {
            w.u32(SVC_ATTR_NETMASK, netmask);
        }
    }

    private static void destination(MessageWriter w, Destination d) {
        int nest = w.beginNested(CMD_ATTR_DEST);
        w.u16(DEST_ATTR_ADDR_FAMILY, d.family().number());
        w.address(DEST_ATTR_ADDR, d.address(), ADDRESS_ATTRIBUTE_LENGTH);
        w.be16(DEST_ATTR_PORT, d.port());
        w.u32(DEST_ATTR_FWD_METHOD, d.method().number());
        w.u32(DEST_ATTR_WEIGHT, d.weight());
        w.u8(DEST_ATTR_TUN_TYPE, d.tunnelType().number());
        w.be16(DEST_ATTR_TUN_PORT, d.tunnelPort());
        w.u16(DEST_ATTR_TUN_FLAGS, d.tunnelFlags());
        w.u32(DEST_ATTR_U_THRESH, d.upperThreshold());
        w.u32(DEST_ATTR_L_THRESH, d.lowerThreshold());
        w.endNested(nest);
    }

    private static void daemon(MessageWriter w, SyncDaemon d) {
        int nest = w.beginNested(CMD_ATTR_DAEMON);
        w.u32(DAEMON_ATTR_STATE, d.state().number());
        w.string(DAEMON_ATTR_MCAST_IFN, d.interfaceName());
        w.u32(DAEMON_ATTR_SYNC_ID, d.syncId());
        if (d.maxLength() != 0) {
            w.u16(DAEMON_ATTR_SYNC_MAXLEN, d.maxLength());
        }
        if (d.port() != 0) {
            w.u16(DAEMON_ATTR_MCAST_PORT, d.port());
        }
        if (d.ttl() != 0) {
            w.u8(DAEMON_ATTR_MCAST_TTL, d.ttl());
        }
        if (d.group() instanceof Inet4Address v4) {
            w.address(DAEMON_ATTR_MCAST_GROUP, v4, 4);
        } else if (d.group() != null) {
            w.address(DAEMON_ATTR_MCAST_GROUP6, d.group(), 16);
        }
        w.endNested(nest);
    }

    // ---- decoding ----

    /** A {@code NEW_SERVICE} message (a GET_SERVICE reply or dump entry). */
    public static ServiceEntry decodeService(NetlinkMessage message) {
        Attributes s = message.genlAttributes().nested(CMD_ATTR_SERVICE);
        if (s == null) {
            throw new IllegalArgumentException("IPVS service message without a service attribute");
        }
        AddressFamily family = family(s.u16(SVC_ATTR_AF));
        ServiceKey key;
        int fwmark = s.u32(SVC_ATTR_FWMARK, 0);
        if (fwmark != 0) {
            key = new ServiceKey.Fwmark(fwmark, family);
        } else {
            key = new ServiceKey.Inet(new IpProtocol(s.u16(SVC_ATTR_PROTOCOL)),
                    s.address(SVC_ATTR_ADDR, family.addressLength()), s.be16(SVC_ATTR_PORT));
        }
        int flags = s.has(SVC_ATTR_FLAGS) ? s.u32(SVC_ATTR_FLAGS) : 0;
        int netmask = family == AddressFamily.INET ? s.be32(SVC_ATTR_NETMASK) : s.u32(SVC_ATTR_NETMASK);
        Service service = new Service(key, s.string(SVC_ATTR_SCHED_NAME, ""), new ServiceFlags(flags),
                s.u32(SVC_ATTR_TIMEOUT, 0), netmask, s.string(SVC_ATTR_PE_NAME, ""));
        return new ServiceEntry(service, stats(s, SVC_ATTR_STATS64, SVC_ATTR_STATS));
    }

    /** A {@code NEW_DEST} dump entry of a service of family {@code serviceFamily}. */
    public static DestinationEntry decodeDestination(NetlinkMessage message, AddressFamily serviceFamily) {
        Attributes d = message.genlAttributes().nested(CMD_ATTR_DEST);
        if (d == null) {
            throw new IllegalArgumentException("IPVS destination message without a destination attribute");
        }
        AddressFamily family = d.has(DEST_ATTR_ADDR_FAMILY) ? family(d.u16(DEST_ATTR_ADDR_FAMILY)) : serviceFamily;
        TunnelType tunnelType = TunnelType.ofNumber(d.u8(DEST_ATTR_TUN_TYPE, 0));
        Destination destination = new Destination(
                d.address(DEST_ATTR_ADDR, family.addressLength()),
                d.be16(DEST_ATTR_PORT),
                ForwardingMethod.ofNumber(d.u32(DEST_ATTR_FWD_METHOD)),
                d.u32(DEST_ATTR_WEIGHT),
                d.u32(DEST_ATTR_U_THRESH, 0),
                d.u32(DEST_ATTR_L_THRESH, 0),
                tunnelType != null ? tunnelType : TunnelType.IPIP,
                d.be16(DEST_ATTR_TUN_PORT, 0),
                d.u16(DEST_ATTR_TUN_FLAGS, 0));
        return new DestinationEntry(destination,
                Integer.toUnsignedLong(d.u32(DEST_ATTR_ACTIVE_CONNS, 0)),
                Integer.toUnsignedLong(d.u32(DEST_ATTR_INACT_CONNS, 0)),
                Integer.toUnsignedLong(d.u32(DEST_ATTR_PERSIST_CONNS, 0)),
                stats(d, DEST_ATTR_STATS64, DEST_ATTR_STATS));
    }

    /** A {@code NEW_DAEMON} dump entry. */
    public static SyncDaemon decodeDaemon(NetlinkMessage message) {
        Attributes d = message.genlAttributes().nested(CMD_ATTR_DAEMON);
        if (d == null) {
            throw new IllegalArgumentException("IPVS daemon message without a daemon attribute");
        }
        InetAddress group = null;
        if (d.has(DAEMON_ATTR_MCAST_GROUP6)) {
            group = d.address(DAEMON_ATTR_MCAST_GROUP6, 16);
        } else if (d.has(DAEMON_ATTR_MCAST_GROUP)) {
            group = d.address(DAEMON_ATTR_MCAST_GROUP, 4);
        }
        return new SyncDaemon(DaemonState.ofNumber(d.u32(DAEMON_ATTR_STATE)),
                d.string(DAEMON_ATTR_MCAST_IFN, ""), d.u32(DAEMON_ATTR_SYNC_ID, 0),
                d.u16(DAEMON_ATTR_SYNC_MAXLEN, 0), group, d.u16(DAEMON_ATTR_MCAST_PORT, 0),
                d.u8(DAEMON_ATTR_MCAST_TTL, 0));
    }

    /** The {@code SET_INFO} reply to GET_INFO. */
    public static IpvsInfo decodeInfo(NetlinkMessage message) {
        Attributes a = message.genlAttributes();
        return new IpvsInfo(a.u32(INFO_ATTR_VERSION), a.u32(INFO_ATTR_CONN_TAB_SIZE));
    }

    /** The {@code SET_CONFIG} reply to GET_CONFIG. */
    public static Timeouts decodeTimeouts(NetlinkMessage message) {
        Attributes a = message.genlAttributes();
        return new Timeouts(a.u32(CMD_ATTR_TIMEOUT_TCP, 0), a.u32(CMD_ATTR_TIMEOUT_TCP_FIN, 0),
                a.u32(CMD_ATTR_TIMEOUT_UDP, 0));
    }

    private static AddressFamily family(int number) {
        AddressFamily family = AddressFamily.ofNumber(number);
        if (family == null) {
            throw new IllegalArgumentException("IPVS reported unknown address family " + number);
        }
        return family;
    }

    private static Stats stats(Attributes parent, int stats64, int stats32) {
        Attributes s = parent.nested(stats64);
        if (s == null) {
            s = parent.nested(stats32);
        }
        if (s == null) {
            return Stats.ZERO;
        }
        return new Stats(s.counter(STATS_ATTR_CONNS), s.counter(STATS_ATTR_INPKTS), s.counter(STATS_ATTR_OUTPKTS),
                s.counter(STATS_ATTR_INBYTES), s.counter(STATS_ATTR_OUTBYTES), s.counter(STATS_ATTR_CPS),
                s.counter(STATS_ATTR_INPPS), s.counter(STATS_ATTR_OUTPPS), s.counter(STATS_ATTR_INBPS),
                s.counter(STATS_ATTR_OUTBPS));
    }

    /** Decodes every service message of a dump. */
    static List<ServiceEntry> decodeServices(List<NetlinkMessage> messages) {
        List<ServiceEntry> out = new ArrayList<>(messages.size());
        for (NetlinkMessage m : messages) {
            out.add(decodeService(m));
        }
        return out;
    }
}
