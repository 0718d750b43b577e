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
import java.util.concurrent.ThreadLocalRandom;

/** DNS_CHECK: one query over UDP, answered with the same id and rcode 0 within {@code connect_timeout}. */
public record DnsProbe(CheckSpec.Dns spec, NetworkContext network) implements Probe {
    static final int BUFFER = 1024;

    @Override
    public Attempt attempt(CheckerState state) {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        long end = System.nanoTime() + spec.endpoint().connectTimeout().toNanos();
        try (DatagramConnection c = Datagrams.udp(network, spec.endpoint(), false)) {
            c.send(DnsQuery.encode(id, spec.type(), spec.name()));
            byte[] buffer = new byte[BUFFER];
            while (true) {
                int n = c.receive(buffer, end - System.nanoTime());
                switch (DnsQuery.read(id, buffer, n)) {
                    case ANSWERED -> {
                        return Attempt.passed();
                    }
                    case ERROR -> {
                        return Attempt.failed("read error occurred. (rcode = " + DnsQuery.rcode(buffer) + ")");
                    }
                    case IGNORE -> {
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return Attempt.failed("read timeout from socket");
        } catch (IOException e) {
            return Attempt.failed("failed to read socket (" + e.getMessage() + ")");
        }
    }
}
