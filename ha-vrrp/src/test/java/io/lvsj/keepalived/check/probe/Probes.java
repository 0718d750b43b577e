package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckTiming;
import io.lvsj.keepalived.check.CheckerState;
import io.lvsj.keepalived.check.net.Endpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Shared bits of the probe tests. */
final class Probes {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final CheckTiming TIMING = CheckTiming.every(Duration.ofSeconds(1));
    static final CheckerState FIRST_URL = CheckerState.initial(false, 1);

    private Probes() {
    }

    static Endpoint endpoint(int port) {
        return Endpoint.of(LOOPBACK, port).withConnectTimeout(Duration.ofMillis(800));
    }

    /** A loopback TCP port nobody listens on (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }
}
