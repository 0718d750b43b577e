package io.lvsj.keepalived.check.net;


import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** A check's UDP socket on a JDK channel (blocking, parks on a virtual thread). */
final class JdkDatagram implements DatagramConnection {
    private final DatagramChannel channel;
    private final DatagramSocket socket;

    private JdkDatagram(DatagramChannel channel) {
        this.channel = channel;
        this.socket = channel.socket();
    }

    static JdkDatagram connect(NetworkContext network, Endpoint endpoint) throws IOException {
        DatagramChannel channel = network.openDatagram(endpoint.address());
        try {
            if (endpoint.bindTo().isPresent()) {
                channel.bind(new InetSocketAddress(endpoint.bindTo().get(), endpoint.bindPort()));
            }
            channel.connect(new InetSocketAddress(endpoint.address(), endpoint.port()));
            return new JdkDatagram(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length));
    }

    @Override
    public int receive(byte[] buffer, long timeoutNanos) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000)));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return packet.getLength();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do about a failed close of a check socket
        }
    }
}
