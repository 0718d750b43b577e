package io.lvsj.keepalived.activeactive;

import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A real server that says who it is: on each connection it writes its name and a newline, and
 * again for every line the client sends. A connection that reaches another real server
 * mid-stream finds no socket there and is reset, so a client sees at once whether its
 * connection kept its real server. Listens on every address of its namespace (the VIP too).
 */
final class NameServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final byte[] name;

    NameServer(NetworkContext namespace, int port, String name) {
        this.name = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            this.server = namespace.call(() -> ServerSocketChannel.open().bind(new InetSocketAddress(port), 512));
        } catch (RuntimeException e) {
            throw new AssertionError("cannot listen on port " + port + " in " + namespace.name(), e);
        }
        Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().start(() -> serve(c));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            c.write(ByteBuffer.wrap(name));
            ByteBuffer in = ByteBuffer.allocate(256);
            while (c.read(in) >= 0) {
                for (int i = 0; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        c.write(ByteBuffer.wrap(name));
                    }
                }
                in.clear();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
