package io.lvsj.keepalived.check.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a network checker connects and how: {@code connect_ip}/{@code connect_port} (the real
 * server unless they say otherwise), {@code bindto}/{@code bind_port}/{@code bind_if}, the
 * {@code fwmark} its packets carry, and {@code connect_timeout}, which bounds each network step
 * (connect, send, every read) as it does in keepalived.
 *
 * @param bindPort 0 = any
 * @param fwmark   0 = none (an unsigned 32-bit mark held in an int)
 */
public record Endpoint(InetAddress address, int port, Optional<InetAddress> bindTo, int bindPort,
                       Optional<String> bindInterface, Duration connectTimeout, int fwmark) {

    /** keepalived's {@code connect_timeout} when neither checker, real nor virtual server sets one. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public Endpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(bindTo, "bindTo");
        Objects.requireNonNull(bindInterface, "bindInterface");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (port < 0 || port > 0xffff || bindPort < 0 || bindPort > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port + "/" + bindPort);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout must be positive: " + connectTimeout);
        }
    }

    /** {@code address:port} with every option at its default. */
    public static Endpoint of(InetAddress address, int port) {
        return new Endpoint(address, port, Optional.empty(), 0, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, 0);
    }

    public Endpoint withConnectTimeout(Duration timeout) {
        return new Endpoint(address, port, bindTo, bindPort, bindInterface, timeout, fwmark);
    }

    public Endpoint withFwmark(int mark) {
        return new Endpoint(address, port, bindTo, bindPort, bindInterface, connectTimeout, mark);
    }

    public Endpoint withBindTo(InetAddress source, int sourcePort) {
        return new Endpoint(address, port, Optional.of(source), sourcePort, bindInterface, connectTimeout, fwmark);
    }

    public Endpoint withBindInterface(String name) {
        return new Endpoint(address, port, bindTo, bindPort, Optional.of(name), connectTimeout, fwmark);
    }

    /**
     * True when the socket needs options the JDK cannot set ({@code SO_MARK},
     * {@code SO_BINDTODEVICE}): such checks use native sockets.
     */
    public boolean needsNativeSocket() {
        return fwmark != 0 || bindInterface.isPresent();
    }

    /** keepalived's {@code [IP]:PORT} form, as it appears in its log lines. */
    @Override
    public String toString() {
        return "[" + address.getHostAddress() + "]:" + port;
    }
}
