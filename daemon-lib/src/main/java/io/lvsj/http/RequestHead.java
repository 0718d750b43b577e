package io.lvsj.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of an HTTP/1.x request (request line and headers), parsed from the bytes received
 * so far. Pure. It knows only what a status endpoint needs: the method, the path, whether the
 * client wants the connection kept, and that no body follows (an endpoint that only answers
 * {@code GET} takes no bodies, so one announced is refused rather than read).
 */
public sealed interface RequestHead {

    /** A whole head: it took {@code length} bytes, so whatever follows is the next request. */
    record Complete(String method, String path, boolean keepAlive, int length) implements RequestHead {
    }

    /** Not all of the head has arrived yet. */
    record Incomplete() implements RequestHead {
    }

    /** A head that will not be served: answer {@code status} and close. */
    record Refused(int status, String reason) implements RequestHead {
    }

    Incomplete INCOMPLETE = new Incomplete();

    /** Parses the head at the start of {@code bytes[0, length)}. */
    static RequestHead parse(byte[] bytes, int length) {
        int end = headEnd(bytes, length);
        if (end < 0) {
            return INCOMPLETE;
        }
        String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n", -1);
        String[] request = lines[0].split(" ", -1);
        if (request.length != 3 || request[0].isEmpty() || request[1].isEmpty()) {
            return new Refused(400, "malformed request line");
        }
        String version = request[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return new Refused(505, "only HTTP/1.0 and HTTP/1.1");
        }
        String target = request[1];
        if (!target.startsWith("/")) {
            return new Refused(400, "the target must be a path");
        }
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        boolean keepAlive = version.equals("HTTP/1.1");
        for (int i = 1; i < lines.length - 2; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return new Refused(400, "malformed header line");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> {
                    if (!value.equals("0")) {
                        return new Refused(413, "no request body is accepted");
                    }
                }
                case "transfer-encoding" -> {
                    return new Refused(413, "no request body is accepted");
                }
                case "connection" -> {
                    if (value.contains("close")) {
                        keepAlive = false;
                    } else if (value.contains("keep-alive")) {
                        keepAlive = true;
                    }
                }
                default -> {
                }
            }
        }
        return new Complete(request[0], path, keepAlive, end);
    }

    /** The index just past the blank line that ends the head, or -1. */
    private static int headEnd(byte[] bytes, int length) {
        for (int i = 3; i < length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
