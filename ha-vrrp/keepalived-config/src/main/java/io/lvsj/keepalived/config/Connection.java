package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a network checker connects: the real server unless {@code connect_ip}/{@code
 * connect_port} say otherwise, from {@code bindto}/{@code bind_port}/{@code bind_if}, with the
 * {@code fwmark} socket mark, giving up after {@code connectTimeout}.
 *
 * <p>One deliberate difference: keepalived copies the real server's address and port when it
 * reads the checker, before a real server without a port gets the virtual server's, so such a
 * checker connects to port 0 and always fails. Here it connects to the port the real server
 * ends up with.
 */
public record Connection(InetAddress address, int port, Optional<InetAddress> bindTo, OptionalInt bindPort,
                         Optional<String> bindInterface, Duration connectTimeout, OptionalLong fwmark) {
}
