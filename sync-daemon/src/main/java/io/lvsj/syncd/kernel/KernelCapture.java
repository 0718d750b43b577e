package io.lvsj.syncd.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Hears the kernel's master sync daemon: a socket bound to the sync group and port (one per
 * kernel sync thread, {@code net.ipv4.vs.sync_ports}) that joins the group on the relay side
 * of the {@link SyncLink}. The JDK turns {@code IP_MULTICAST_ALL} off on its sockets, so this
 * one hears the group on that interface only, never what lvs-syncd itself sends to the
 * backup daemon on the other side (the lab showed both).
 */
public final class KernelCapture implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KernelCapture.class);
    /** About 1,500 full sync datagrams: a burst of 60,000 connection updates. */
    static final int RECEIVE_BUFFER = 4 << 20;
    /** Receives each datagram's bytes (the array is reused after the call returns). */
    public interface Sink {
        void datagram(byte[] buffer, int length);
    }

    private final Selector selector;
    private final List<DatagramChannel> channels;

    private KernelCapture(Selector selector, List<DatagramChannel> channels) {
        this.selector = selector;
        this.channels = channels;
    }

    /** Listens on {@code relaySide} for {@code group}, ports {@code port} to {@code port + ports - 1}. */
    public static KernelCapture open(String relaySide, InetAddress group, int port, int ports) throws IOException {
        NetworkInterface nif = NetworkInterface.getByName(relaySide);
        if (nif == null) {
            throw new IOException("the sync interface " + relaySide + " does not exist");
        }
        Selector selector = Selector.open();
        List<DatagramChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < ports; i++) {
                DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
                channels.add(ch);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
                int got = ch.getOption(StandardSocketOptions.SO_RCVBUF);
                if (i == 0 && got < RECEIVE_BUFFER) {
                    LOG.info("The kernel gave the capture socket a receive buffer of {} KB, not {} KB: a burst of sync"
                            + " messages larger than that is lost (raise net.core.rmem_max to allow more)",
                            got >> 10, RECEIVE_BUFFER >> 10);
                }
                ch.bind(new InetSocketAddress(group, port + i));
                ch.join(group, nif);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            for (DatagramChannel ch : channels) {
                ch.close();
            }
            selector.close();
            throw new IOException("cannot listen for the kernel's sync messages on " + relaySide + " ("
                    + group.getHostAddress() + ":" + port + "): " + e.getMessage(), e);
        }
        return new KernelCapture(selector, channels);
    }

    /** Hands every datagram to {@code sink} until {@link #close}; run it on a thread of its own. */
    public void run(Sink sink) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        try {
            while (selector.isOpen()) {
                selector.select();
                selector.selectedKeys().clear();
                for (DatagramChannel ch : channels) {
                    while (ch.receive(buffer.clear()) != null) {
                        sink.datagram(buffer.array(), buffer.position());
                    }
                }
            }
        } catch (ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
            // closed: the daemon is stopping or reloading
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        for (DatagramChannel ch : channels) {
            ch.close();
        }
    }
}
