package io.lvsj.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client of a {@link StatusServer}: reads a request head into a buffer of the limit's size,
 * has a worker compute the response, writes it, and starts over (keep-alive) or closes. It is
 * not read while its response is being computed or written, so a client cannot queue work.
 * Touched only on the server's selector thread, except {@link #response}, which a worker hands
 * over.
 */
final class Connection {
    /** What a connection needs of its server. */
    interface Server {
        Limits limits();

        /** The route for {@code path}, or null. */
        StatusServer.Route route(String path);

        /** Runs {@code work} on a worker thread. */
        void work(Runnable work);

        /** A worker has {@code c}'s response ready: hand it back to the selector thread. */
        void answered(Connection c);

        /** {@code c} closed. */
        void closed(Connection c);

        /** A request was answered ({@code refused}: with a refusal). */
        void counted(boolean refused);

        /** A route failed: {@code e} is a bug, answered with 500. */
        void failed(String path, RuntimeException e);
    }

    enum Phase { READING, WORKING, WRITING }

    private final Server server;
    private final SocketChannel channel;
    private final byte[] in;
    private final ByteBuffer inBuffer;
    private SelectionKey key;
    private Phase phase;
    private long since;
    private long deadline;
    private RequestHead.Complete request;
    private ByteBuffer[] out;
    private boolean keepAliveAfter;
    private volatile Response response;
    private boolean closed;

    Connection(Server server, SocketChannel channel, long now) {
        this.server = server;
        this.channel = channel;
        this.in = new byte[server.limits().maxRequestBytes()];
        this.inBuffer = ByteBuffer.wrap(in);
        startReading(now);
    }

    void register(SelectionKey key) {
        this.key = key;
    }

    Phase phase() {
        return phase;
    }

    /** When it started waiting for its current request. */
    long since() {
        return since;
    }

    /** When it is closed unless it has moved on. */
    long deadline() {
        return deadline;
    }

    private void startReading(long now) {
        phase = Phase.READING;
        since = now;
        deadline = now + server.limits().requestTimeout().toNanos();
    }

    /** The selector says the channel is ready. */
    void ready(long now) {
        try {
            if (phase == Phase.READING && key.isReadable()) {
                if (channel.read(inBuffer) < 0) {
                    close();
                    return;
                }
                parse(now);
            } else if (phase == Phase.WRITING && key.isWritable()) {
                write(now);
            }
        } catch (IOException e) {
            close();
        }
    }

    private void parse(long now) throws IOException {
        RequestHead head = RequestHead.parse(in, inBuffer.position());
        switch (head) {
            case RequestHead.Incomplete ignored -> {
                if (!inBuffer.hasRemaining()) {
                    refuse(Response.text(431, "request head larger than " + in.length + " bytes\n"), now);
                }
            }
            case RequestHead.Refused r -> refuse(Response.text(r.status(), r.reason() + "\n"), now);
            case RequestHead.Complete c -> serve(c, now);
        }
    }

    private void refuse(Response r, long now) throws IOException {
        server.counted(true);
        request = null;
        send(r, false, false, now);
    }

    private void serve(RequestHead.Complete c, long now) throws IOException {
        request = c;
        boolean head = c.method().equals("HEAD");
        if (!c.method().equals("GET") && !head) {
            server.counted(true);
            send(Response.text(405, "only GET and HEAD\n"), c.keepAlive(), false, now);
            return;
        }
        server.counted(false);
        StatusServer.Route route = server.route(c.path());
        if (route == null) {
            send(Response.text(404, "not found\n"), c.keepAlive(), head, now);
            return;
        }
        phase = Phase.WORKING;
        deadline = now + server.limits().responseTimeout().toNanos();
        key.interestOps(0);
        server.work(() -> {
            Response r;
            try {
                r = route.respond();
            } catch (RuntimeException e) {
                server.failed(c.path(), e);
                r = Response.text(500, "internal error\n");
            }
            response = r;
            server.answered(this);
        });
    }

    /** On the selector thread: the worker's response goes out. */
    void answered(long now) {
        if (closed || phase != Phase.WORKING) {
            return;
        }
        try {
            send(response, request.keepAlive(), request.method().equals("HEAD"), now);
        } catch (IOException e) {
            close();
        }
    }

    private void send(Response r, boolean keepAlive, boolean headOnly, long now) throws IOException {
        response = null;
        phase = Phase.WRITING;
        keepAliveAfter = keepAlive;
        deadline = now + server.limits().responseTimeout().toNanos();
        ByteBuffer head = ByteBuffer.wrap(r.head(keepAlive));
        out = headOnly ? new ByteBuffer[]{head} : new ByteBuffer[]{head, ByteBuffer.wrap(r.body())};
        write(now);
    }

    private void write(long now) throws IOException {
        channel.write(out);
        if (out[out.length - 1].hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        out = null;
        if (!keepAliveAfter) {
            close();
            return;
        }
        int used = request.length();
        int left = inBuffer.position() - used;
        System.arraycopy(in, used, in, 0, left);
        inBuffer.position(left);
        request = null;
        startReading(now);
        key.interestOps(SelectionKey.OP_READ);
        if (left > 0) {
            parse(now); // a pipelined request already here
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with a connection that is gone
        }
        server.closed(this);
    }
}
