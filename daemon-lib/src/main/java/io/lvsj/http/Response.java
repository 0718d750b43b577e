package io.lvsj.http;

import java.nio.charset.StandardCharsets;

/**
 * What a route answers. The body is shared, never copied: many clients may be sent the same
 * rendering at once, so it must not be changed once handed over.
 */
public record Response(int status, String contentType, byte[] body) {

    public static Response text(int status, String text) {
        return new Response(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The status line and headers for this response (a HEAD request gets them alone). */
    byte[] head(boolean keepAlive) {
        StringBuilder s = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length)
                .append("\r\nCache-Control: no-store");
        if (status == 405) {
            s.append("\r\nAllow: GET, HEAD");
        }
        s.append("\r\nConnection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }
}
