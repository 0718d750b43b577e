package io.lvsj.keepalived.check.probe;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpResponseTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(s)));
    }

    static HttpResponse feed(String wire, int chunk) {
        HttpResponse r = new HttpResponse(true);
        byte[] b = bytes(wire);
        for (int i = 0; i < b.length; i += chunk) {
            assertTrue(r.accept(b, i, Math.min(chunk, b.length - i)));
        }
        return r;
    }

    @Test
    void statusAndDigestOfTheBodyWhateverTheChunking() throws Exception {
        String wire = "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nhello world\n";
        for (int chunk : new int[]{1, 3, 7, 4096}) {
            HttpResponse r = feed(wire, chunk);
            assertTrue(r.hasHeader());
            assertEquals(200, r.statusCode());
            assertEquals(md5("hello world\n"), r.digest());
        }
    }

    @Test
    void theDigestStopsAtContentLength() throws Exception {
        HttpResponse r = feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA", 2);
        assertEquals(5, r.contentLength());
        assertEquals(md5("hello"), r.digest());
        assertEquals(10, r.bodyBytes());
    }

    @Test
    void contentLengthIsMatchedCaseSensitivelyAsKeepalivedDoes() throws Exception {
        HttpResponse r = feed("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhelloEXTRA", 4096);
        assertEquals(-1, r.contentLength());
        assertEquals(md5("helloEXTRA"), r.digest());
    }

    @Test
    void chunkedBodiesAreDigestedOnTheWire() throws Exception {
        String body = "5\r\nhello\r\n0\r\n\r\n";
        HttpResponse r = feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body, 4096);
        assertEquals(md5(body), r.digest());
    }

    @Test
    void statusCodeParsingFollowsKeepalived() {
        assertEquals(404, status("HTTP/1.1 404 Not Found\r\n\r\n"));
        assertEquals(0, status("HTTP/1.1 200\r\n\r\n"), "no space after the code");
        assertEquals(0, status("HTTP/1.1 2000 OK\r\n\r\n"));
        assertEquals(0, status("HTTP/1.1 20x OK\r\n\r\n"));
        assertEquals(0, status("garbage\r\n\r\n"));
    }

    static int status(String wire) {
        return feed(wire, 4096).statusCode();
    }

    @Test
    void noHeaderEndMeansNoData() {
        HttpResponse r = feed("HTTP/1.0 200 OK\r\nServer: x\r\n", 4096);
        assertFalse(r.hasHeader());
    }

    @Test
    void aHeaderLongerThanKeepalivedsBufferIsRefused() {
        HttpResponse r = new HttpResponse(false);
        byte[] big = bytes("HTTP/1.0 200 OK\r\nX: " + "a".repeat(5000) + "\r\n\r\n");
        assertFalse(r.accept(big, 0, big.length));
        assertFalse(r.hasHeader());
    }

    @Test
    void contentLengthEdgeCases() {
        assertEquals(12, HttpResponse.contentLength("Content-Length: 12\r\n"));
        assertEquals(12, HttpResponse.contentLength("Content-Length:12\r\n"));
        assertEquals(-1, HttpResponse.contentLength("Content-Length: 12x\r\n"));
        assertEquals(0, HttpResponse.contentLength("Content-Length:\r\n"));
        assertEquals(-1, HttpResponse.contentLength("Content-Length: \r\n"));
    }
}
