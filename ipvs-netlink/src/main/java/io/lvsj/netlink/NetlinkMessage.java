package io.lvsj.netlink;

import java.nio.ByteBuffer;

/**
 * One received netlink message: its header fields and its payload (the bytes after the
 * 16-byte header, as a buffer of their own in host byte order).
 */
public record NetlinkMessage(int type, int flags, int seq, int portId, ByteBuffer payload) {

    public boolean isError() {
        return type == Netlink.NLMSG_ERROR;
    }

    public boolean isDone() {
        return type == Netlink.NLMSG_DONE;
    }

    public boolean isMultipart() {
        return (flags & Netlink.NLM_F_MULTI) != 0;
    }

    /**
     * The payload, after checking that it holds a fixed header of {@code length} bytes
     * ({@code genlmsghdr}, rtnetlink's {@code ifinfomsg} and the like): a shorter message is
     * rejected with an {@link IllegalArgumentException}, never read past its end.
     */
    public ByteBuffer fixedHeader(int length, String what) {
        if (payload.limit() < length) {
            throw new IllegalArgumentException("malformed " + what + " message: " + payload.limit()
                    + " bytes, shorter than its " + length + "-byte header");
        }
        return payload;
    }

    /** The generic netlink command (first payload byte). */
    public int genlCommand() {
        return fixedHeader(Netlink.GENL_HEADER_LENGTH, "generic netlink").get(0) & 0xff;
    }

    /** The attributes after a generic netlink header. */
    public Attributes genlAttributes() {
        fixedHeader(Netlink.GENL_HEADER_LENGTH, "generic netlink");
        return Attributes.parse(payload.slice(Netlink.GENL_HEADER_LENGTH, payload.limit() - Netlink.GENL_HEADER_LENGTH)
                .order(payload.order()));
    }

    /** The attributes after a fixed header of {@code headerLength} bytes (rtnetlink). */
    public Attributes attributesAfter(int headerLength) {
        int start = Netlink.align(headerLength);
        if (start > payload.limit()) {
            return Attributes.parse(payload.slice(payload.limit(), 0));
        }
        return Attributes.parse(payload.slice(start, payload.limit() - start).order(payload.order()));
    }
}
