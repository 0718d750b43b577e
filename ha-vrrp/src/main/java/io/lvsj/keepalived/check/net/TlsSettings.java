package io.lvsj.keepalived.check.net;

import javax.net.ssl.SSLContext;
import java.util.Optional;

/**
 * How SSL_GET speaks TLS: the context (built once from the {@code SSL} block) and the server
 * name to send, if any ({@code enable_sni}).
 */
public record TlsSettings(SSLContext context, Optional<String> serverName) {
}
