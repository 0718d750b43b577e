package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DNS_CHECK's query and its reading of the answer, as keepalived does them: a recursive query
 * (RD set) of one question, class IN; an answer counts when its id matches, it is a response,
 * and its rcode is 0. Messages that are too short, carry another id or are not responses are
 * ignored while waiting. Pure.
 */
public final class DnsQuery {
    private static final int HEADER = 12;

    private DnsQuery() {
    }

    /** The query message with id {@code id}. */
    public static byte[] encode(int id, CheckSpec.DnsType type, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(id >> 8);
        out.write(id);
        out.write(0x01); // flags: RD
        out.write(0x00);
        out.write(0);
        out.write(1); // QDCOUNT
        out.writeBytes(new byte[6]); // AN, NS, AR counts
        // keepalived writes each dot-separated label, so "." becomes one empty label (the root)
        int start = 0;
        while (start < name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            byte[] label = name.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
            out.write(label.length);
            out.writeBytes(label);
            start = dot < 0 ? end : end + 1;
        }
        if (!name.equals(".")) {
            out.write(0);
        }
        out.write(type.number() >> 8);
        out.write(type.number());
        out.write(0);
        out.write(1); // class IN
        return out.toByteArray();
    }

    /** What a received datagram means for the check. */
    public enum Reading { IGNORE, ANSWERED, ERROR }

    public static Reading read(int id, byte[] message, int length) {
        if (length < HEADER) {
            return Reading.IGNORE;
        }
        int receivedId = ((message[0] & 0xff) << 8) | (message[1] & 0xff);
        if (receivedId != (id & 0xffff)) {
            return Reading.IGNORE;
        }
        if ((message[2] & 0x80) == 0) {
            return Reading.IGNORE; // a query, not a response
        }
        return rcode(message) == 0 ? Reading.ANSWERED : Reading.ERROR;
    }

    public static int rcode(byte[] message) {
        return message[3] & 0x0f;
    }
}
