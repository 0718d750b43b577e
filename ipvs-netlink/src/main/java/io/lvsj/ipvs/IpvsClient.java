package io.lvsj.ipvs;

import io.lvsj.netlink.BatchFailure;
import io.lvsj.netlink.GenericFamily;
import io.lvsj.netlink.MessageBody;
import io.lvsj.netlink.Netlink;
import io.lvsj.netlink.NetlinkChannel;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.netlink.NetlinkSocket;
import io.lvsj.netlink.Request;
import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;
import io.lvsj.sys.NetNamespace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.lvsj.ipvs.IpvsGenl.*;

/**
 * The kernel's IPVS over generic netlink: one socket, opened once, the family resolved once,
 * and batches pipelined many requests per system call. Upstream ipvsadm opens a socket and
 * resolves the family for every request; that is most of what this saves.
 */
public final class IpvsClient implements Ipvs {
    private final NetlinkChannel channel;
    private final int familyId;

    private IpvsClient(NetlinkChannel channel, int familyId) {
        this.channel = channel;
        this.familyId = familyId;
    }

    /** Connects to IPVS in the caller's network namespace. */
    public static IpvsClient open() {
        return open(null);
    }

    /**
     * Connects to IPVS in {@code namespace} (each namespace has its own IPVS table), or in the
     * caller's when {@code null}.
     *
     * @throws IpvsUnavailableException when the kernel has no IPVS
     */
    public static IpvsClient open(NetNamespace namespace) {
        return open(namespace, FAMILY_NAME);
    }

    /** Opens a client for the generic netlink family {@code familyName} (tests name a missing one). */
    static IpvsClient open(NetNamespace namespace, String familyName) {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC, namespace);
        } catch (ErrnoException e) {
            throw new NetlinkException("open a generic netlink socket", e.errno(), null, e);
        }
        NetlinkChannel channel = new NetlinkChannel(socket);
        try {
            GenericFamily family = GenericFamily.resolve(channel, familyName);
            return new IpvsClient(channel, family.id());
        } catch (NetlinkException e) {
            channel.close();
            if (e.errno() == Errno.ENOENT.number()) {
                throw new IpvsUnavailableException(e);
            }
            throw e;
        }
    }

    /** The generic netlink family id the kernel gave IPVS (for tests comparing request bytes). */
    public int familyId() {
        return familyId;
    }

    @Override
    public IpvsInfo info() {
        return channel.query("get IPVS info", familyId, 0, w -> IpvsCodec.encodeGet(CMD_GET_INFO, w),
                IpvsCodec::decodeInfo);
    }

    @Override
    public List<ServiceEntry> services() {
        return channel.dumpAll("list services", familyId, w -> IpvsCodec.encodeGet(CMD_GET_SERVICE, w),
                IpvsCodec::decodeService);
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        try {
            return Optional.of(channel.query("get service " + key, familyId, 0,
                    w -> IpvsCodec.encodeGet(CMD_GET_SERVICE, key, w), IpvsCodec::decodeService));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ESRCH.number()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey key) {
        return channel.dumpAll("list destinations of " + key, familyId, w -> IpvsCodec.encodeGet(CMD_GET_DEST, key, w),
                m -> IpvsCodec.decodeDestination(m, key.family()));
    }

    @Override
    public Timeouts timeouts() {
        return channel.query("get timeouts", familyId, 0, w -> IpvsCodec.encodeGet(CMD_GET_CONFIG, w),
                IpvsCodec::decodeTimeouts);
    }

    @Override
    public List<SyncDaemon> daemons() {
        return channel.dumpAll("list sync daemons", familyId, w -> IpvsCodec.encodeGet(CMD_GET_DAEMON, w),
                IpvsCodec::decodeDaemon);
    }

    @Override
    public void execute(IpvsCommand command) {
        channel.execute(command.describe(), familyId, 0, body(command));
    }

    @Override
    public List<CommandFailure> executeAll(List<? extends IpvsCommand> commands) {
        List<Request> requests = new ArrayList<>(commands.size());
        for (IpvsCommand c : commands) {
            requests.add(new Request(familyId, 0, body(c)));
        }
        List<CommandFailure> failures = new ArrayList<>();
        for (BatchFailure f : channel.executeAll(requests)) {
            failures.add(new CommandFailure(f.index(), commands.get(f.index()), f.errno(), f.kernelMessage()));
        }
        return failures;
    }

    private static MessageBody body(IpvsCommand command) {
        return w -> IpvsCodec.encode(command, w);
    }

    @Override
    public void close() {
        channel.close();
    }
}
