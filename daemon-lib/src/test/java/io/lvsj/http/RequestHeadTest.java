package io.lvsj.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RequestHeadTest {
    private static RequestHead parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(bytes, bytes.length);
    }

    @Test
    void aScrapeFromPrometheus() {
        String head = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9650\r\nUser-Agent: Prometheus/2.42.0\r\n"
                + "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5\r\n"
                + "Accept-Encoding: gzip\r\nX-Prometheus-Scrape-Timeout-Seconds: 10\r\n\r\n";
        assertEquals(new RequestHead.Complete("GET", "/metrics", true, head.length()), parse(head + "GET /st"));
    }

    @Test
    void theQueryIsNotPartOfThePath() {
        String head = "GET /metrics?name[]=up HTTP/1.1\r\nA: b\r\n\r\n";
        assertEquals(new RequestHead.Complete("GET", "/metrics", true, head.length()), parse(head));
    }

    @Test
    void http10AndConnectionCloseEndTheConnection() {
        assertEquals(false, ((RequestHead.Complete) parse("GET / HTTP/1.0\r\n\r\n")).keepAlive());
        assertEquals(true, ((RequestHead.Complete) parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).keepAlive());
        assertEquals(false, ((RequestHead.Complete) parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")).keepAlive());
    }

    @Test
    void aHeadWithoutItsBlankLineIsIncomplete() {
        assertEquals(RequestHead.INCOMPLETE, parse("GET /metrics HTTP/1.1\r\nHost: x\r\n"));
        assertEquals(RequestHead.INCOMPLETE, parse(""));
    }

    @Test
    void malformedHeadsAreRefused() {
        assertEquals(400, ((RequestHead.Refused) parse("GET\r\n\r\n")).status());
        assertEquals(400, ((RequestHead.Refused) parse("GET  /x HTTP/1.1\r\n\r\n")).status());
        assertEquals(400, ((RequestHead.Refused) parse("GET http://x/ HTTP/1.1\r\n\r\n")).status());
        assertEquals(400, ((RequestHead.Refused) parse("GET / HTTP/1.1\r\nno colon\r\n\r\n")).status());
        assertEquals(505, ((RequestHead.Refused) parse("GET / HTTP/2.0\r\n\r\n")).status());
    }

    @Test
    void aBodyIsRefused() {
        assertEquals(413, ((RequestHead.Refused) parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")).status());
        assertEquals(413, ((RequestHead.Refused) parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"))
                .status());
        assertEquals("GET", ((RequestHead.Complete) parse("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).method());
    }
}
