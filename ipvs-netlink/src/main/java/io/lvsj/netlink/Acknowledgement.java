package io.lvsj.netlink;

import java.nio.ByteBuffer;

/**
 * A decoded {@code NLMSG_ERROR} (an ACK when {@code errno} is 0) or the status word of an
 * {@code NLMSG_DONE}: which request it answers, its errno, and the extended-ack text.
 *
 * @param seq            sequence number of the request it answers
 * @param errno          0 for success, else the positive errno
 * @param kernelMessage  {@code NLMSGERR_ATTR_MSG}, or {@code null}
 */
public record Acknowledgement(int seq, int errno, String kernelMessage) {

    public boolean ok() {
        return errno == 0;
    }

    /**
     * Decodes an NLMSG_ERROR message; one too short for its error code, or echoing a request
     * whose length is impossible, is rejected with an {@link IllegalArgumentException}.
     */
    public static Acknowledgement of(NetlinkMessage message) {
        ByteBuffer p = message.fixedHeader(4, "NLMSG_ERROR");
        int error = p.getInt(0);
        // The request's header follows; its seq is what we match on. Without NETLINK_CAP_ACK the
        // request's payload follows too, and the extended-ack attributes come after that.
        boolean echoed = p.limit() >= 4 + Netlink.HEADER_LENGTH;
        int requestLength = echoed ? p.getInt(4) : 0;
        int requestSeq = echoed ? p.getInt(4 + 8) : message.seq();
        String text = null;
        if ((message.flags() & Netlink.NLM_F_ACK_TLVS) != 0) {
            boolean capped = (message.flags() & Netlink.NLM_F_CAPPED) != 0;
            if (!capped && echoed && (requestLength < Netlink.HEADER_LENGTH || requestLength > p.limit() - 4)) {
                throw new IllegalArgumentException("malformed NLMSG_ERROR: it echoes a request of length "
                        + requestLength + " in " + (p.limit() - 4) + " bytes");
            }
            int tlvStart = 4 + (capped ? Netlink.HEADER_LENGTH : Netlink.align(requestLength));
            text = extAckText(p, tlvStart);
        }
        return new Acknowledgement(requestSeq, -error, text);
    }

    /** Decodes the status of an NLMSG_DONE ending a dump (a dump can fail part way). */
    public static Acknowledgement ofDone(NetlinkMessage message) {
        ByteBuffer p = message.payload();
        int error = p.limit() >= 4 ? p.getInt(0) : 0;
        String text = (message.flags() & Netlink.NLM_F_ACK_TLVS) != 0 ? extAckText(p, 4) : null;
        return new Acknowledgement(message.seq(), -error, text);
    }

    private static String extAckText(ByteBuffer payload, int offset) {
        if (offset < 0 || offset >= payload.limit()) {
            return null;
        }
        Attributes tlvs = Attributes.parse(payload.slice(offset, payload.limit() - offset).order(payload.order()));
        if (!tlvs.has(Netlink.NLMSGERR_ATTR_MSG)) {
            return null;
        }
        return tlvs.string(Netlink.NLMSGERR_ATTR_MSG);
    }

    @Override
    public String toString() {
        return errno == 0 ? "ACK seq " + seq : "error seq " + seq + " errno " + errno
                + (kernelMessage != null ? " (" + kernelMessage + ")" : "");
    }
}
