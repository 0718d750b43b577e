package io.lvsj.keepalived.activeactive;

import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Established TCP connections from the client to the VIP, each answered by a {@link NameServer}:
 * the real server each first reached, and later whether it still answers, and as whom.
 */
final class Flows implements AutoCloseable {
    /** One connection: its client port and the real server that answered first. */
    record Flow(Socket socket, int port, String server) {
    }

    private final List<Flow> flows = new ArrayList<>();

    Flows(NetworkContext client, InetAddress vip, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = client.openStream(vip);
            Socket s = channel.socket();
            try {
                s.connect(new InetSocketAddress(vip, 80), 5000);
                s.setSoTimeout(5000);
                flows.add(new Flow(s, s.getLocalPort(), line(s.getInputStream())));
            } catch (IOException e) {
                s.close();
                throw new IOException("connection " + (i + 1) + " of " + count + " to the VIP: " + e.getMessage(), e);
            }
        }
    }

    List<Flow> all() {
        return List.copyOf(flows);
    }

    /** The flows whose client port is in {@code ports}. */
    List<Flow> withPorts(Set<Integer> ports) {
        return flows.stream().filter(f -> ports.contains(f.port())).toList();
    }

    /** Whether {@code flow} still answers, as the same real server. */
    static boolean kept(Flow flow) {
        try {
            flow.socket().getOutputStream().write("again\n".getBytes(StandardCharsets.US_ASCII));
            return flow.server().equals(line(flow.socket().getInputStream()));
        } catch (IOException e) {
            return false; // reset by a real server that has no such connection, or no answer at all
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("closed after '" + s + "'");
            }
            s.append((char) b);
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        for (Flow f : flows) {
            f.socket().close();
        }
    }
}
