package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.DatagramConnection;
import io.lvsj.keepalived.check.net.Datagrams;
import io.lvsj.keepalived.check.net.NetworkContext;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * UDP_CHECK: a datagram is sent; an ICMP error within {@code connect_timeout} fails the check.
 * Without {@code require_reply}, silence is success; with it a reply must come, and when reply
 * data is configured it must match (length bounds and pattern).
 */
public record UdpProbe(CheckSpec.Udp spec, NetworkContext network) implements Probe {

    @Override
    public Attempt attempt(CheckerState state) {
        try (DatagramConnection c = Datagrams.udp(network, spec.endpoint(), true)) {
            c.send(UdpExchange.payload(spec));
            byte[] buffer = new byte[spec.maxReplyLength() + 1];
            int n;
            try {
                n = c.receive(buffer, spec.endpoint().connectTimeout().toNanos());
            } catch (SocketTimeoutException e) {
                return spec.requireReply() ? Attempt.failed("UDP check to " + spec.endpoint() + " got no reply")
                        : Attempt.passed();
            }
            if (spec.requireReply() && !spec.reply().isEmpty() && !UdpExchange.replyMatches(spec, buffer, n)) {
                return Attempt.failed("UDP check to " + spec.endpoint() + " reply data mismatch");
            }
            return Attempt.passed();
        } catch (IOException e) {
            return Attempt.failed("UDP connection to " + spec.endpoint() + " failed (" + e.getMessage() + ")");
        }
    }
}
