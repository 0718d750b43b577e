package io.lvsj.keepalived.check.net;

import java.io.IOException;

/**
 * A connected datagram socket used by one check attempt (UDP_CHECK, DNS_CHECK, PING_CHECK).
 * On a connected socket the kernel reports ICMP errors for it, which {@link #receive} throws
 * ({@link java.net.PortUnreachableException} for "port unreachable").
 */
public interface DatagramConnection extends AutoCloseable {

    void send(byte[] datagram) throws IOException;

    /**
     * Waits up to {@code timeoutNanos} for a datagram and returns its length (truncated to the
     * buffer).
     *
     * @throws java.net.SocketTimeoutException when none arrives in time
     */
    int receive(byte[] buffer, long timeoutNanos) throws IOException;

    @Override
    void close();
}
