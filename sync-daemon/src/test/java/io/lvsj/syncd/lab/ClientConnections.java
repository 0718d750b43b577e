package io.lvsj.syncd.lab;

import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Many established TCP connections a client holds through a virtual server, each proved alive
 * by a round trip: {@link #exchange} sends a line on every one at once and counts those whose
 * echo comes back, so a dead connection costs no more time than a live one.
 */
public final class ClientConnections implements AutoCloseable {
    private final List<SocketChannel> channels;

    private ClientConnections(List<SocketChannel> channels) {
        this.channels = channels;
    }

    /** Opens {@code count} connections from {@code client} to {@code service}, each with a first round trip. */
    public static ClientConnections open(NetNamespace client, InetSocketAddress service, int count) throws IOException {
        List<SocketChannel> channels = client.call(() -> {
            List<SocketChannel> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SocketChannel c = SocketChannel.open();
                c.socket().setSoTimeout(5000);
                c.connect(service);
                list.add(c);
            }
            return list;
        });
        ClientConnections all = new ClientConnections(channels);
        int alive = all.exchange("hello", Duration.ofSeconds(30));
        if (alive != count) {
            all.close();
            throw new IOException("only " + alive + " of " + count + " connections to " + service + " answered");
        }
        return all;
    }

    public int size() {
        return channels.size();
    }

    /** Sends a line on every connection and returns how many echoed it back within {@code limit}. */
    public int exchange(String word, Duration limit) throws IOException {
        Map<SocketChannel, ByteBuffer> pending = new HashMap<>();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < channels.size(); i++) {
                SocketChannel c = channels.get(i);
                if (!c.isOpen()) {
                    continue;
                }
                byte[] line = (word + " " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    if (c.isBlocking()) {
                        c.configureBlocking(false);
                    }
                    c.write(ByteBuffer.wrap(line));
                    pending.put(c, ByteBuffer.allocate(line.length));
                    c.register(selector, SelectionKey.OP_READ);
                } catch (IOException e) {
                    c.close();
                }
            }
            int alive = 0;
            long deadline = System.nanoTime() + limit.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    ByteBuffer want = pending.get(c);
                    try {
                        if (c.read(want) < 0) {
                            throw new IOException("closed");
                        }
                        if (!want.hasRemaining()) {
                            alive++;
                            pending.remove(c);
                            k.cancel();
                        }
                    } catch (IOException e) {
                        pending.remove(c);
                        k.cancel();
                        c.close();
                    }
                }
                selector.selectedKeys().clear();
            }
            return alive;
        }
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel c : channels) {
            c.close();
        }
    }
}
