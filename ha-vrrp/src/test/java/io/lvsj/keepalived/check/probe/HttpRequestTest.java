package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HttpRequestTest {
    static String request(CheckSpec.HttpVersion v, Optional<String> vhost, String address, int port) throws Exception {
        return new String(HttpRequest.get("/health", v, vhost, InetAddress.getByName(address), port),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void http10WithAddressAsHost() throws Exception {
        assertEquals("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 192.0.2.1:8080\r\n\r\n",
                request(CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(), "192.0.2.1", 8080));
    }

    @Test
    void http11ClosesAndUsesTheVirtualhostWithoutPort() throws Exception {
        assertEquals("GET /health HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                        + "Host: www.example.com\r\n\r\n",
                request(CheckSpec.HttpVersion.HTTP_1_1, Optional.of("www.example.com"), "192.0.2.1", 80));
    }

    @Test
    void http10cClosesToo() throws Exception {
        assertEquals("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\n"
                        + "Host: 192.0.2.1:80\r\n\r\n",
                request(CheckSpec.HttpVersion.HTTP_1_0C, Optional.empty(), "192.0.2.1", 80));
    }

    @Test
    void ipv6HostIsBracketedAndCompressed() throws Exception {
        assertEquals("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: [2001:db8::1]:80\r\n\r\n",
                request(CheckSpec.HttpVersion.HTTP_1_0, Optional.empty(), "2001:db8:0:0:0:0:0:1", 80));
    }
}
