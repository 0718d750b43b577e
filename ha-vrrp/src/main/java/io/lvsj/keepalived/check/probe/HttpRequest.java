package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.Addresses;
import io.lvsj.keepalived.check.CheckSpec;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The GET request keepalived's HTTP_GET/SSL_GET and genhash send, byte for byte. */
public final class HttpRequest {
    private HttpRequest() {
    }

    /**
     * The request for {@code path}. The Host header is {@code virtualhost} when there is one,
     * else the address and port ({@code [v6]:port} for IPv6).
     */
    public static byte[] get(String path, CheckSpec.HttpVersion version, Optional<String> virtualhost,
                             InetAddress address, int port) {
        String host = virtualhost.orElseGet(() -> (address instanceof Inet6Address
                ? "[" + Addresses.text(address) + "]" : Addresses.text(address)) + ":" + port);
        String request = "GET " + path + " HTTP/1." + (version == CheckSpec.HttpVersion.HTTP_1_1 ? 1 : 0) + "\r\n"
                + "User-Agent: KeepAliveClient\r\n"
                + (version == CheckSpec.HttpVersion.HTTP_1_0 ? "" : "Connection: close\r\n")
                + "Host: " + host + "\r\n\r\n";
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }
}
