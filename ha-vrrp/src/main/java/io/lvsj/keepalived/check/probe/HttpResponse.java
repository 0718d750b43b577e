package io.lvsj.keepalived.check.probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an HTTP response as keepalived does, fed in chunks until the server closes: the
 * header block (at most 4095 bytes, as keepalived's buffer holds), the status code from the
 * status line, {@code Content-Length} (matched case-sensitively, as keepalived does), and the
 * MD5 of the body up to that length. The body is not de-chunked: the digest is of the bytes on
 * the wire, which is what {@code genhash} prints. Pure.
 */
public final class HttpResponse {
    /** keepalived's receive buffer is 4096 bytes with one kept for a terminating NUL. */
    static final int HEADER_LIMIT = 4095;
    /** How much body a regex is matched against. */
    static final int REGEX_LIMIT = 1 << 20;

    private final byte[] header = new byte[HEADER_LIMIT];
    private int headerLength;
    private boolean headerDone;
    private int statusCode;
    private long contentLength = -1;
    private long bodyBytes;
    private final MessageDigest md5;
    private final boolean keepBody;
    private byte[] body = new byte[0];
    private int bodyLength;

    /**
     * @param keepBody keep (up to 1 MiB of) the body for a regex
     */
    public HttpResponse(boolean keepBody) {
        this.keepBody = keepBody;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /**
     * Takes the next received bytes. Returns false when the header block has grown past what
     * keepalived can hold without ending, which keepalived treats as "no data received".
     */
    public boolean accept(byte[] data, int offset, int length) {
        int pos = offset;
        int end = offset + length;
        if (!headerDone) {
            while (pos < end && !headerDone) {
                if (headerLength == HEADER_LIMIT) {
                    return false;
                }
                header[headerLength++] = data[pos++];
                if (headerLength >= 4 && header[headerLength - 4] == '\r' && header[headerLength - 3] == '\n'
                        && header[headerLength - 2] == '\r' && header[headerLength - 1] == '\n') {
                    headerDone = true;
                    statusCode = statusCode(header, headerLength);
                    contentLength = contentLength(new String(header, 0, headerLength, StandardCharsets.ISO_8859_1));
                }
            }
        }
        if (pos < end) {
            body(data, pos, end - pos);
        }
        return true;
    }

    private void body(byte[] data, int offset, int length) {
        long digestible = contentLength < 0 ? length : Math.max(0, Math.min(length, contentLength - bodyBytes));
        md5.update(data, offset, (int) digestible);
        bodyBytes += length;
        if (keepBody && bodyLength < REGEX_LIMIT) {
            int take = Math.min(length, REGEX_LIMIT - bodyLength);
            if (bodyLength + take > body.length) {
                body = java.util.Arrays.copyOf(body, Math.max(bodyLength + take, body.length * 2));
            }
            System.arraycopy(data, offset, body, bodyLength, take);
            bodyLength += take;
        }
    }

    /** The header block has ended: keepalived calls this "data received". */
    public boolean hasHeader() {
        return headerDone;
    }

    /** The status code, or 0 when the status line is not {@code VERSION SP DDD SP ...}. */
    public int statusCode() {
        return statusCode;
    }

    /** {@code Content-Length}, or -1 when absent or malformed. */
    public long contentLength() {
        return contentLength;
    }

    public long bodyBytes() {
        return bodyBytes;
    }

    /** The MD5 of the body (up to Content-Length) in lowercase hex, as genhash prints it. Ends the digest. */
    public String digest() {
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The kept body as ISO-8859-1 text (one char per byte), for regex matching. */
    public String bodyText() {
        return new String(body, 0, bodyLength, StandardCharsets.ISO_8859_1);
    }

    /** keepalived's {@code extract_status_code}: the three digits after the first space, followed by a space. */
    static int statusCode(byte[] buffer, int size) {
        int i = 0;
        while (i < size && buffer[i] != ' ' && buffer[i] != '\r') {
            i++;
        }
        if (i >= size || buffer[i] != ' ') {
            return 0;
        }
        i++;
        if (i + 3 >= size || buffer[i] == ' ' || buffer[i + 3] != ' ') {
            return 0;
        }
        int code = 0;
        for (int k = 0; k < 3; k++) {
            byte b = buffer[i + k];
            if (b < '0' || b > '9') {
                return 0;
            }
            code = code * 10 + (b - '0');
        }
        return code;
    }

    /** keepalived's {@code extract_content_length}: digits after "Content-Length:", ending the line. */
    static long contentLength(String header) {
        int at = header.indexOf("Content-Length:");
        if (at < 0) {
            return -1;
        }
        int i = at + "Content-Length:".length();
        while (i < header.length() && Character.isWhitespace(header.charAt(i)) && header.charAt(i) != '\r'
                && header.charAt(i) != '\n') {
            i++;
        }
        int digits = i;
        long value = 0;
        while (i < header.length() && Character.isDigit(header.charAt(i)) && value < Long.MAX_VALUE / 10) {
            value = value * 10 + (header.charAt(i) - '0');
            i++;
        }
        if (i < header.length() && header.charAt(i) != '\r' && header.charAt(i) != '\n') {
            return -1;
        }
        if (i == digits) {
            // strtoul found no digits and left its end pointer just after the colon
            int after = at + "Content-Length:".length();
            return after < header.length() && (header.charAt(after) == '\r' || header.charAt(after) == '\n') ? 0 : -1;
        }
        return value;
    }
}
