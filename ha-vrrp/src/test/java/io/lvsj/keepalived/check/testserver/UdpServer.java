package io.lvsj.keepalived.check.testserver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A UDP server for checker tests: answers each datagram with what {@code replier} makes of it
 * (null = no answer). Records what it received.
 */
public final class UdpServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<byte[]> replier;

    public UdpServer(UnaryOperator<byte[]> replier) throws IOException {
        this(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), replier);
    }

    /** A server on {@code address} (in the namespace of the calling thread). */
    public UdpServer(InetSocketAddress address, UnaryOperator<byte[]> replier) throws IOException {
        this.replier = replier;
        this.socket = new DatagramSocket(address);
        Thread.ofVirtual().start(this::loop);
    }

    public void setReplier(UnaryOperator<byte[]> newReplier) {
        replier = newReplier;
    }

    private void loop() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                byte[] data = Arrays.copyOf(p.getData(), p.getLength());
                received.add(data);
                byte[] answer = replier.apply(data);
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<byte[]> received() {
        return received;
    }

    @Override
    public void close() {
        socket.close();
    }
}
