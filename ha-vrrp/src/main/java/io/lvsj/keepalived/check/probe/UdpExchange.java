package io.lvsj.keepalived.check.probe;

import io.lvsj.keepalived.check.CheckSpec;
import io.lvsj.keepalived.check.Octets;

import java.nio.charset.StandardCharsets;

/** UDP_CHECK's datagram and its judgement of a reply, as keepalived makes them. Pure. */
public final class UdpExchange {
    /** keepalived's payload when none is configured: 32 bytes of a repeated text. */
    static final int DEFAULT_PAYLOAD_LENGTH = 32;

    private UdpExchange() {
    }

    public static byte[] payload(CheckSpec.Udp spec) {
        return spec.payload().isEmpty() ? filler(DEFAULT_PAYLOAD_LENGTH) : spec.payload().toArray();
    }

    /** keepalived's {@code set_buf}: "keepalived check - " repeated, so no stack content leaks. */
    static byte[] filler(int length) {
        byte[] text = "keepalived check - ".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = text[i % text.length];
        }
        return out;
    }

    /**
     * Whether a reply of {@code length} bytes passes: its length within the bounds, and its
     * first bytes equal to the expected reply wherever the mask has zero bits.
     */
    public static boolean replyMatches(CheckSpec.Udp spec, byte[] reply, int length) {
        if (length < spec.minReplyLength() || length > spec.maxReplyLength()) {
            return false;
        }
        Octets expected = spec.reply();
        Octets mask = spec.replyMask();
        int n = Math.min(expected.length(), length);
        for (int i = 0; i < n; i++) {
            int care = mask.isEmpty() ? 0xff : ~mask.get(i) & 0xff;
            if (((reply[i] ^ expected.get(i)) & care) != 0) {
                return false;
            }
        }
        return true;
    }
}
