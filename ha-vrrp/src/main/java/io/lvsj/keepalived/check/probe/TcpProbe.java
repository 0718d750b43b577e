package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Attempt;
import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.Probe;
import io.lvsj.keepalived.check.net.Deadline;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.check.net.StreamConnection;
import io.lvsj.keepalived.check.net.Streams;

import java.io.IOException;
import java.net.SocketTimeoutException;

/** TCP_CHECK: the server accepts a connection within {@code connect_timeout}; it is then closed. */
public record TcpProbe(CheckSpec.Tcp spec, NetworkContext network) implements Probe {

    @Override
    public Attempt attempt(CheckerState state) {
        Deadline deadline = Deadline.of(spec.endpoint().connectTimeout());
        try (StreamConnection ignored = Streams.connect(network, spec.endpoint(), deadline)) {
            return Attempt.passed();
        } catch (SocketTimeoutException e) {
            return Attempt.failed("TCP connection to " + spec.endpoint() + " timeout");
        } catch (IOException e) {
            return Attempt.failed("TCP connection to " + spec.endpoint() + " failed: " + e.getMessage());
        }
    }
}
