package io.lvsj.syncd.lab;

import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A TCP echo server in a namespace: a real server that answers whatever a client sends. */
public final class EchoServer implements AutoCloseable {
    private final ServerSocketChannel server;

    public EchoServer(NetNamespace namespace, InetSocketAddress address) {
        this.server = namespace.call(() -> {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(address, 512);
            return s;
        });
        Thread.ofPlatform().daemon().name("echo-" + address).start(this::accept);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().start(() -> echo(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(SocketChannel c) {
        try (c) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            while (c.read(b.clear()) > 0) {
                b.flip();
                while (b.hasRemaining()) {
                    c.write(b);
                }
            }
        } catch (IOException e) {
            // the client went away, or the connection was reset
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
