package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.DatagramConnection;
import io.lvsj.keepalived.check.net.Datagrams;
import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PING_CHECK: an ICMP echo over an unprivileged ICMP socket, answered within
 * {@code connect_timeout}. Such sockets need the process's group inside
 * {@code net.ipv4.ping_group_range}; {@link PingGroupRange} widens it as keepalived does.
 */
public record PingProbe(CheckSpec.Ping spec, NetworkContext network) implements Probe {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Override
    public Attempt attempt(CheckerState state) {
        boolean v6 = spec.endpoint().address() instanceof Inet6Address;
        try (DatagramConnection c = Datagrams.icmp(network, spec.endpoint())) {
            c.send(IcmpEcho.request(v6, SEQUENCE.incrementAndGet() & 0xffff));
            byte[] buffer = new byte[IcmpEcho.HEADER + IcmpEcho.PAYLOAD];
            int n = c.receive(buffer, spec.endpoint().connectTimeout().toNanos());
            String error = IcmpEcho.replyError(v6, buffer, n);
            return error == null ? Attempt.passed() : Attempt.failed("Got " + error);
        } catch (SocketTimeoutException e) {
            return Attempt.failed("ICMP connection to address " + spec.endpoint().address().getHostAddress()
                    + " timeout");
        } catch (IOException e) {
            return Attempt.failed("ICMP connection to " + spec.endpoint().address().getHostAddress()
                    + " failed (" + e.getMessage() + ")");
        }
    }
}
