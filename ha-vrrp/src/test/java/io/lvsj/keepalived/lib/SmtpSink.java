package io.lvsj.keepalived.lib;

import io.lvsj.sys.NetNamespace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that accepts every message and keeps each conversation's client side byte for
 * byte (so keepalived's and keepalived-j's dialogues can be compared), listening in a namespace.
 */
public final class SmtpSink implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> conversations = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    /** Listening on {@code address}:{@code port} in {@code namespace} (null: ours; port 0: any). */
    public SmtpSink(String namespace, String address, int port) {
        java.util.concurrent.Callable<ServerSocket> listen = () -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.ofLiteral(address), port));
            return s;
        };
        try {
            server = namespace == null ? listen.call() : NetNamespace.named(namespace).call(listen);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("smtp-sink").start(this::acceptAll);
    }

    /** What each client sent, one string per connection, in the order the connections ended. */
    public List<String> conversations() {
        return List.copyOf(conversations);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            reply(out, "220 sink.example.com ESMTP\r\n");
            boolean data = false;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                said.write(b);
                line.write(b);
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (data) {
                    if (said.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n.\r\n")) {
                        data = false;
                        line.reset();
                        reply(out, "250 2.0.0 queued\r\n");
                    }
                    continue;
                }
                if (!text.endsWith("\r\n")) {
                    continue;
                }
                line.reset();
                String verb = text.length() >= 4 ? text.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : text;
                switch (verb) {
                    case "DATA" -> {
                        data = true;
                        reply(out, "354 go ahead\r\n");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye\r\n");
                        return;
                    }
                    default -> reply(out, "250 ok\r\n");
                }
            }
        } catch (IOException e) {
            said.writeBytes(("\n(sink: " + e.getMessage() + ")").getBytes(StandardCharsets.ISO_8859_1));
        } finally {
            conversations.add(said.toString(StandardCharsets.ISO_8859_1));
            open.decrementAndGet();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Waits (up to 5 s) until no conversation is under way. */
    public void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (open.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.close();
            acceptor.join(2000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
