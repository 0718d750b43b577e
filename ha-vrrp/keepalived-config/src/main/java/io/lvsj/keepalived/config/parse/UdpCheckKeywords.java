package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Severity;

/**
 * The keywords of {@code UDP_CHECK} blocks beyond the common ones ({@code check_udp.c}):
 * the payload and the reply it must match, as hex octets ({@code read_hex_str}).
 */
final class UdpCheckKeywords {
    private final ParseContext ctx;
    private final CheckerSection section;

    UdpCheckKeywords(ParseContext ctx, CheckerSection section) {
        this.ctx = ctx;
        this.section = section;
    }

    private CheckData.CheckerDraft checker() {
        return section.current();
    }

    void install(Keyword k) {
        section.common(k, true);
        k.add("payload", st -> {
            if (st.size() == 1) {
                ctx.error(st, "UDP_CHECK payload requires a payload");
                return;
            }
            byte[][] r = hex(st.join(1), false);
            if (r == null) {
                ctx.error(st, "Invalid hex string for UDP_CHECK payload");
                return;
            }
            checker().payload = r[0];
        });
        k.add("require_reply", st -> {
            checker().requireReply = true;
            if (st.size() == 1) {
                return;
            }
            byte[][] r = hex(st.join(1), true);
            if (r == null) {
                ctx.error(st, "Invalid hex string for UDP_CHECK reply");
                return;
            }
            checker().reply = r[0];
            checker().replyMask = r[1];
        });
        k.add("min_reply_length", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, 65535, false);
            if (v == null) {
                ctx.error(st, "UDP_CHECK min length " + st.word(1) + " not valid - must be between 0 & 65535");
                return;
            }
            checker().minReply = v;
        });
        k.add("max_reply_length", st -> {
            Long v = ctx.numbers(st).readUnsigned(st.word(1), 0, 65535, false);
            if (v == null) {
                ctx.error(st, "UDP_CHECK max length " + st.word(1) + " not valid - must be between 0 & 65535");
                return;
            }
            checker().maxReply = v;
        });
        k.onClose(() -> {
            if (!section.connectionUsable()) {
                section.dequeue();
                return;
            }
            if (checker().minReply > checker().maxReply) {
                ctx.report(checker().location, Severity.GENERAL, "UDP_CHECK min_reply length " + checker().minReply
                        + " > max_reply_length " + checker().maxReply + " - will always fail");
            }
        });
    }

    /** {@code read_hex_str}: hex octets, spaces allowed between them, X as a wildcard nibble in replies; null if invalid. */
    static byte[][] hex(String text, boolean wildcards) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream mask = new java.io.ByteArrayOutputStream();
        boolean usedMask = false;
        int p = 0;
        while (true) {
            while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p >= text.length()) {
                break;
            }
            int hi = nibble(text.charAt(p++), wildcards);
            if (hi < 0) {
                return null;
            }
            int value = hi == 0xfe ? 0 : hi;
            int m = hi == 0xfe ? 0x0f : 0;
            if (p < text.length() && text.charAt(p) != ' ') {
                int lo = nibble(text.charAt(p++), wildcards);
                if (lo < 0) {
                    return null;
                }
                value = (value << 4) | (lo == 0xfe ? 0 : lo);
                m = (m << 4) | (lo == 0xfe ? 0x0f : 0);
            }
            usedMask |= m != 0;
            data.write(value);
            mask.write(m);
        }
        if (data.size() == 0) {
            return null;
        }
        return new byte[][]{data.toByteArray(), usedMask ? mask.toByteArray() : null};
    }

    private static int nibble(char c, boolean wildcards) {
        int d = Character.digit(c, 16);
        if (d >= 0 && c < 128) {
            return d;
        }
        if (wildcards && Character.toUpperCase(c) == 'X') {
            return 0xfe;
        }
        return -1;
    }
}
