package io.lvsj.ctnl;

import io.lvsj.netlink.BatchFailure;
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
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The conntrack table of one network namespace over ctnetlink: read it whole, put entries in
 * (many per datagram), take them out. One socket, kept open; its port id marks the changes it
 * makes in the events every listener receives ({@link ConntrackEvent.Change#portId}).
 */
public final class ConntrackClient implements AutoCloseable {
    private final NetlinkChannel channel;

    private ConntrackClient(NetlinkChannel channel) {
        this.channel = channel;
    }

    /** Opens a client for {@code namespace}, or for the caller's when {@code null}. */
    public static ConntrackClient open(NetNamespace namespace) {
        try {
            return new ConntrackClient(new NetlinkChannel(NetlinkSocket.open(Netlink.NETLINK_NETFILTER, namespace)));
        } catch (ErrnoException e) {
            throw new NetlinkException("open a ctnetlink socket", e.errno(), null, e);
        }
    }

    /** The port id of this client's socket: events of the changes it makes carry it. */
    public int portId() {
        return channel.socket().portId();
    }

    /**
     * Hands every entry of the table (both families) to {@code each}, as a
     * {@link ConntrackEvent.Change} of kind UPDATE, or a {@link ConntrackEvent.Rejected} for a
     * message that did not decode.
     */
    public void dump(Consumer<ConntrackEvent> each) {
        channel.dump("list conntrack entries", CtnlCodec.getType(), CtnlCodec::dump, m -> each.accept(CtnlCodec.decode(m)));
    }

    /** The table's entries (the rejected messages left out). */
    public List<Conntrack> entries() {
        List<Conntrack> out = new ArrayList<>();
        dump(e -> {
            if (e instanceof ConntrackEvent.Change c) {
                out.add(c.entry());
            }
        });
        return out;
    }

    /** An entry the kernel refused: the errno and its extended-ack text ({@code null} when none). */
    public record Failure(String entry, int errno, String kernelMessage) {
        @Override
        public String toString() {
            return entry + ": " + Errno.nameOf(errno) + " (" + Errno.describe(errno) + ")"
                    + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage);
        }
    }

    /**
     * What {@link #put} did.
     *
     * @param created  entries made new
     * @param existed  entries that were there already: updated, when an update was asked for
     *                 (those whose update failed are among the failures instead)
     * @param failures the refusals, each with the kernel's errno
     */
    public record Put(int created, int existed, List<Failure> failures) {
    }

    /**
     * Creates {@code entries}, many per datagram. One that exists already (EEXIST) is updated
     * when {@code update} is set (timeout, status, TCP state: the kernel keeps an existing
     * entry's tuples and NAT), else left alone and counted as existing (the kernel says EEXIST
     * too when another entry holds the translated reply tuple; only an update tells the two apart).
     */
    public Put put(List<NewConntrack> entries, boolean update) {
        List<Request> creates = new ArrayList<>(entries.size());
        for (NewConntrack c : entries) {
            creates.add(new Request(CtnlCodec.newType(), Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                    w -> CtnlCodec.create(w, c)));
        }
        List<NewConntrack> existing = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (BatchFailure f : channel.executeAll(creates)) {
            NewConntrack c = entries.get(f.index());
            if (f.errno() == Errno.EEXIST.number()) {
                existing.add(c);
            } else {
                failures.add(new Failure("create conntrack " + c, f.errno(), f.kernelMessage()));
            }
        }
        int created = entries.size() - existing.size() - failures.size();
        int existed = existing.size();
        if (update && !existing.isEmpty()) {
            List<Request> updates = new ArrayList<>(existing.size());
            for (NewConntrack c : existing) {
                updates.add(new Request(CtnlCodec.newType(), 0, w -> CtnlCodec.update(w, c)));
            }
            for (BatchFailure f : channel.executeAll(updates)) {
                NewConntrack c = existing.get(f.index());
                existed--;
                // EEXIST then ENOENT: no entry has this original tuple; another has its translated reply tuple.
                failures.add(f.errno() == Errno.ENOENT.number()
                        ? new Failure("create conntrack " + c, Errno.EEXIST.number(), "another entry has its reply tuple")
                        : new Failure("update conntrack " + c, f.errno(), f.kernelMessage()));
            }
        }
        return new Put(created, existed, List.copyOf(failures));
    }

    /** An entry's identity: its original tuple and its zone. */
    public record Key(ConntrackTuple original, int zone) {
        public Key {
            Objects.requireNonNull(original, "original");
        }
    }

    /** Deletes entries; returns the refusals other than "no such entry" (ENOENT). */
    public List<Failure> delete(List<Key> keys) {
        List<Request> deletes = new ArrayList<>(keys.size());
        for (Key k : keys) {
            deletes.add(new Request(CtnlCodec.deleteType(), 0, w -> CtnlCodec.delete(w, k.original(), k.zone())));
        }
        List<Failure> failures = new ArrayList<>();
        for (BatchFailure f : channel.executeAll(deletes)) {
            if (f.errno() != Errno.ENOENT.number()) {
                failures.add(new Failure("delete conntrack " + keys.get(f.index()).original(), f.errno(), f.kernelMessage()));
            }
        }
        return failures;
    }

    @Override
    public void close() {
        channel.close();
    }
}
