package io.lvsj.netlink;

import io.lvsj.sys.Errno;
import io.lvsj.sys.ErrnoException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Requests and replies over one {@link NetlinkSocket}: single requests acknowledged one by one,
 * dumps, and pipelined batches. One socket, kept open; requests are matched to replies by
 * sequence number, and replies to requests that timed out earlier are skipped.
 *
 * <p>Thread-safe: one exchange at a time.
 */
public final class NetlinkChannel implements AutoCloseable {
    /**
     * Largest batch in one datagram. The kernel handles every message of a datagram before
     * {@code sendmsg} returns; the limit keeps the datagram within the socket's send buffer
     * and the errors it may produce within the receive buffer.
     */
    private static final int MAX_BATCH_BYTES = 1024 * 1024;
    /** What one error reply costs the receive buffer (skb overhead included), to size windows. */
    private static final int ERROR_REPLY_COST = 1024;

    private final NetlinkSocket socket;
    private final MessageWriter writer = new MessageWriter(64 * 1024);
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    public NetlinkChannel(NetlinkSocket socket) {
        this.socket = socket;
    }

    public NetlinkSocket socket() {
        return socket;
    }

    private int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    /** Sends one request and waits for its ACK. */
    public synchronized void execute(String operation, int type, int flags, MessageBody body) {
        int mySeq = send(operation, type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags, body);
        awaitAck(operation, mySeq, null);
    }

    /**
     * Sends one request that the kernel answers with one message (a "doit" GET), decodes the
     * reply with {@code decode} and waits for the ACK.
     */
    public synchronized <T> T query(String operation, int type, int flags, MessageBody body,
                                    Function<NetlinkMessage, T> decode) {
        int mySeq = send(operation, type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags, body);
        List<T> result = new ArrayList<>(1);
        awaitAck(operation, mySeq, message -> result.add(decode.apply(message)));
        if (result.isEmpty()) {
            throw new NetlinkException(operation, Errno.ENODATA.number(), "the kernel acknowledged but sent no reply");
        }
        return result.getFirst();
    }

    /** How often a dump is started again before its failure is the caller's. */
    static final int DUMP_ATTEMPTS = 3;

    /**
     * A dump decoded into a list ({@code decode} returns null for messages to leave out). The
     * kernel may drop messages for this socket while it dumps (ENOBUFS: its buffer overflowed,
     * with notifications for instance) or say the table changed under the dump
     * ({@code NLM_F_DUMP_INTR}); the dump is then read to its end, thrown away and started
     * again, up to {@link #DUMP_ATTEMPTS} times, so a partial or inconsistent table is never
     * returned. (A new dump cannot start while the kernel still runs the last one: EBUSY.)
     */
    public synchronized <T> List<T> dumpAll(String operation, int type, MessageBody body,
                                            Function<NetlinkMessage, T> decode) {
        for (int attempt = 1; ; attempt++) {
            List<T> out = new ArrayList<>();
            boolean[] interrupted = {false};
            boolean lost = dumpOnce(operation, type, body, m -> {
                interrupted[0] |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                T value = decode.apply(m);
                if (value != null) {
                    out.add(value);
                }
            });
            if (!lost && !interrupted[0]) {
                return out;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw lost ? new NetlinkException(operation, Errno.ENOBUFS.number(),
                        "the kernel dropped replies in " + DUMP_ATTEMPTS + " dumps (receive buffer full)")
                        : new NetlinkException(operation, Errno.EAGAIN.number(),
                        "the table kept changing during " + DUMP_ATTEMPTS + " dumps (NLM_F_DUMP_INTR)");
            }
        }
    }

    /**
     * Sends a dump request and hands every message of the dump to {@code each}, until
     * NLMSG_DONE. Throws ENOBUFS when the kernel dropped messages meanwhile ({@link #dumpAll}
     * starts again instead).
     */
    public synchronized void dump(String operation, int type, MessageBody body, Consumer<NetlinkMessage> each) {
        if (dumpOnce(operation, type, body, each)) {
            throw new NetlinkException(operation, Errno.ENOBUFS.number(), "the kernel dropped replies (receive buffer full)");
        }
    }

    /** One dump, read to its NLMSG_DONE; returns whether the kernel dropped messages for us meanwhile. */
    private boolean dumpOnce(String operation, int type, MessageBody body, Consumer<NetlinkMessage> each) {
        int mySeq = send(operation, type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_DUMP, body);
        boolean lost = false;
        while (true) {
            List<NetlinkMessage> messages;
            try {
                messages = MessageReader.read(socket.receive());
            } catch (ErrnoException e) {
                if (e.errno() == Errno.ENOBUFS.number()) {
                    lost = true; // reported once; the dump itself goes on
                    continue;
                }
                throw receiveFailure(operation, e);
            }
            for (NetlinkMessage message : messages) {
                if (message.seq() != mySeq) {
                    continue;
                }
                if (message.isDone()) {
                    Acknowledgement status = Acknowledgement.ofDone(message);
                    if (!status.ok()) {
                        throw new NetlinkException(operation, status.errno(), status.kernelMessage());
                    }
                    return lost;
                }
                if (message.isError()) {
                    Acknowledgement ack = Acknowledgement.of(message);
                    if (!ack.ok()) {
                        throw new NetlinkException(operation, ack.errno(), ack.kernelMessage());
                    }
                    continue;
                }
                if (message.type() >= Netlink.NLMSG_MIN_TYPE) {
                    each.accept(message);
                }
            }
        }
    }

    /**
     * Sends many requests, many per datagram, and returns the ones the kernel refused. The
     * rest took effect. Only the last request of each datagram asks for an ACK; the kernel
     * answers a failed request with an error whether it asked or not, so one reply per
     * datagram is all a successful batch costs. Requests are applied in order; a failure does
     * not stop the ones after it.
     */
    public synchronized List<BatchFailure> executeAll(List<Request> requests) {
        List<BatchFailure> failures = new ArrayList<>();
        int window = Math.max(16, Math.min(4096, socket.receiveBufferSize() / ERROR_REPLY_COST));
        int next = 0;
        while (next < requests.size()) {
            if (seq > Integer.MAX_VALUE - window - 1) {
                seq = 0; // keep the window's sequence numbers contiguous, so replies map to requests by offset
            }
            writer.clear();
            int first = next;
            int firstSeq = seq + 1;
            int end = Math.min(requests.size(), first + window);
            int lastSeq = 0;
            for (int i = first; i < end; i++) {
                Request r = requests.get(i);
                boolean last = i == end - 1 || writer.length() >= MAX_BATCH_BYTES;
                lastSeq = nextSeq();
                int start = writer.begin(r.type(), Netlink.NLM_F_REQUEST | r.flags() | (last ? Netlink.NLM_F_ACK : 0), lastSeq);
                r.body().write(writer);
                writer.end(start);
                if (last) {
                    end = i + 1;
                }
            }
            sendWritten("batch of " + (end - first) + " requests");
            collectBatchReplies(first, firstSeq, lastSeq, failures);
            next = end;
        }
        return failures;
    }

    /**
     * Sends {@code requests} in one datagram between a {@code begin} and an {@code end}
     * message (nfnetlink's batch: the kernel applies all of them or none) and waits for every
     * request's ACK; the first refusal is thrown, and then nothing took effect.
     */
    public synchronized void transaction(String operation, Request begin, List<Request> requests, Request end) {
        writer.clear();
        int start = writer.begin(begin.type(), Netlink.NLM_F_REQUEST | begin.flags(), nextSeq());
        begin.body().write(writer);
        writer.end(start);
        int firstSeq = seq + 1;
        int lastSeq = firstSeq;
        for (Request r : requests) {
            lastSeq = nextSeq();
            int at = writer.begin(r.type(), Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | r.flags(), lastSeq);
            r.body().write(writer);
            writer.end(at);
        }
        start = writer.begin(end.type(), Netlink.NLM_F_REQUEST | end.flags(), nextSeq());
        end.body().write(writer);
        writer.end(start);
        sendWritten(operation);
        List<BatchFailure> failures = new ArrayList<>();
        int acknowledged = 0;
        while (acknowledged < requests.size()) {
            for (NetlinkMessage message : receive(operation)) {
                if (!message.isError()) {
                    continue;
                }
                Acknowledgement ack = Acknowledgement.of(message);
                if (ack.seq() < firstSeq || ack.seq() > lastSeq) {
                    continue;
                }
                acknowledged++;
                if (!ack.ok()) {
                    failures.add(new BatchFailure(ack.seq() - firstSeq, ack.errno(), ack.kernelMessage()));
                    // after a refusal the kernel aborts the batch and answers no more of it
                    acknowledged = requests.size();
                }
            }
        }
        if (!failures.isEmpty()) {
            BatchFailure f = failures.getFirst();
            throw new NetlinkException(operation + " (request " + (f.index() + 1) + " of " + requests.size() + ")",
                    f.errno(), f.kernelMessage());
        }
    }

    private void collectBatchReplies(int first, int firstSeq, int lastSeq,
                                     List<BatchFailure> failures) {
        String operation = "batch of requests";
        while (true) {
            for (NetlinkMessage message : receive(operation)) {
                if (!message.isError()) {
                    continue;
                }
                Acknowledgement ack = Acknowledgement.of(message);
                int offset = ack.seq() - firstSeq;
                if (offset < 0 || ack.seq() > lastSeq) {
                    continue; // a late reply to an earlier exchange
                }
                if (!ack.ok()) {
                    int index = first + offset;
                    failures.add(new BatchFailure(index, ack.errno(), ack.kernelMessage()));
                }
                if (ack.seq() == lastSeq) {
                    return;
                }
            }
        }
    }

    private int send(String operation, int type, int flags, MessageBody body) {
        writer.clear();
        int mySeq = nextSeq();
        int start = writer.begin(type, flags, mySeq);
        body.write(writer);
        writer.end(start);
        sendWritten(operation);
        return mySeq;
    }

    private void sendWritten(String operation) {
        ByteBuffer out = writer.buffer().duplicate().flip();
        try {
            socket.send(out);
        } catch (ErrnoException e) {
            throw new NetlinkException(operation, e.errno(), "sending to the kernel failed", e);
        }
    }

    private void awaitAck(String operation, int mySeq, Consumer<NetlinkMessage> replies) {
        while (true) {
            for (NetlinkMessage message : receive(operation)) {
                if (message.isError()) {
                    Acknowledgement ack = Acknowledgement.of(message);
                    if (ack.seq() != mySeq) {
                        continue;
                    }
                    if (!ack.ok()) {
                        throw new NetlinkException(operation, ack.errno(), ack.kernelMessage());
                    }
                    return;
                }
                if (message.seq() == mySeq && replies != null && message.type() >= Netlink.NLMSG_MIN_TYPE) {
                    replies.accept(message);
                }
            }
        }
    }

    private List<NetlinkMessage> receive(String operation) {
        try {
            return MessageReader.read(socket.receive());
        } catch (ErrnoException e) {
            throw receiveFailure(operation, e);
        }
    }

    private static NetlinkException receiveFailure(String operation, ErrnoException e) {
        String why = e.errno() == Errno.EAGAIN.number() ? "no reply from the kernel in time"
                : e.errno() == Errno.ENOBUFS.number() ? "the kernel dropped replies (receive buffer full)"
                : "receiving from the kernel failed";
        return new NetlinkException(operation, e.errno(), why, e);
    }

    @Override
    public void close() {
        socket.close();
    }
}
