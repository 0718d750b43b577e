package io.lvsj.syncd.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;

/**
 * Where {@code lvs-syncd --status} asks the running daemon: a Unix stream socket, root's only.
 * The client writes one word ({@code text} or {@code json}) and a newline; the daemon answers
 * with its {@link Status} and closes.
 */
final class ControlSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlSocket.class);
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread thread;

    private ControlSocket(ServerSocketChannel server, Path path, Function<String, String> answer) {
        this.server = server;
        this.path = path;
        this.thread = Thread.ofPlatform().daemon().name("control-socket").start(() -> serve(answer));
    }

    /** Listens on {@code path}, replacing a stale socket file left by a daemon that died. */
    static ControlSocket open(Path path, Function<String, String> answer) throws IOException {
        if (Files.exists(path)) {
            if (ask(path, "text") != null) {
                throw new IOException("another lvs-syncd answers on " + path);
            }
            Files.delete(path);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on the control socket " + path + ": " + e.getMessage(), e);
        }
        return new ControlSocket(server, path, answer);
    }

    private void serve(Function<String, String> answer) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(64);
                while (in.hasRemaining() && client.read(in) > 0 && in.get(in.position() - 1) != '\n') {
                    // read one short line
                }
                String request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).strip();
                client.write(ByteBuffer.wrap(answer.apply(request).getBytes(StandardCharsets.UTF_8)));
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (server.isOpen()) {
                    LOG.warn("control socket: {}", e.toString());
                }
            }
        }
    }

    /** What the daemon on {@code path} answers to {@code request}, or {@code null} when none answers. */
    static String ask(Path path, String request) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            ch.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.US_ASCII)));
            return new String(readAll(ch), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readAll(SocketChannel ch) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(8192);
        while (ch.read(b.clear()) > 0) {
            out.write(b.array(), 0, b.position());
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        thread.interrupt();
    }
}
