package io.lvsj.keepalived.config;

import java.util.Optional;

/** The {@code SSL} block: the client context SSL_GET checkers use. */
public record SslContext(Location location, Optional<String> password, Optional<String> ca,
                         Optional<String> certificate, Optional<String> key) {
}
