package io.lvsj.keepalived.check.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server for checker tests, on a loopback port of its own: each accepted connection
 * is handed to {@code handler} on a virtual thread. Counts connections.
 */
public class TcpServer implements AutoCloseable {
    /** What to do with one connection; the server closes it afterwards. */
    @FunctionalInterface
    public interface Handler {
        void handle(InputStream in, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Handler handler;

    public TcpServer(Handler handler) throws IOException {
        this(InetAddress.getLoopbackAddress(), 0, handler);
    }

    public TcpServer(InetAddress address, int port, Handler handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        Binding.bind(socket, new InetSocketAddress(address, port), 50);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A server that accepts and closes. */
    public static TcpServer accepting() throws IOException {
        return new TcpServer((in, out) -> {
        });
    }

    public void setHandler(Handler newHandler) {
        handler = newHandler;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        handler.handle(s.getInputStream(), s.getOutputStream());
                    } catch (IOException e) {
                        // the client went away: nothing to do in a test server
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public InetAddress address() {
        return socket.getInetAddress();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
