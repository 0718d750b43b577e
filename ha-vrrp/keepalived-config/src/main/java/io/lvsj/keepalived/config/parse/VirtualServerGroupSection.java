package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.VirtualServerGroup;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server_group NAME { IP[-END|/LEN] [PORT] ... fwmark N [inet|inet6] ... }}
 * ({@code vsg_handler} and {@code alloc_vsg_entry} in keepalived): address ranges and fwmarks,
 * checked as keepalived checks them.
 */
final class VirtualServerGroupSection {
    private final ParseContext ctx;
    private final CheckData data;

    VirtualServerGroupSection(ParseContext ctx) {
        this.ctx = ctx;
        this.data = ctx.check;
    }

    void group(Statement st) {
        CheckData.GroupDraft g = new CheckData.GroupDraft(st.location(), st.word(1));
        data.groups.add(g);
        List<String> words = st.words();
        Statement opener = new Statement(st.location(), words.size() > 2
                ? java.util.stream.Stream.concat(java.util.stream.Stream.of(""), words.subList(2, words.size()).stream()).toList()
                : List.of(""), st.line());
        for (Statement line : ctx.parser.valueBlock(opener)) {
            groupEntry(g, line);
        }
        if (g.entries.isEmpty()) {
            ctx.errorAtBlockEnd("virtual server group " + g.name + " has no entries - removing");
            data.groups.remove(g);
        } else if (g.haveIpv4 && g.haveIpv6 && g.fwmarkNoFamily) {
            ctx.errorAtBlockEnd("virtual server group " + g.name + " cannot have IPv4, IPv6 and fwmark without family - removing");
            data.groups.remove(g);
        }
    }

    private void groupEntry(CheckData.GroupDraft g, Statement st) {
        String addr = st.word(0);
        if (addr.equals("fwmark")) {
            Long mark = ctx.numbers(st).readUnsigned(st.word(1), 0, Numbers.UINT_MAX, true);
            if (mark == null) {
                ctx.error(st, "(" + g.name + "): fwmark '" + st.word(1) + "' must be in [0, " + Numbers.UINT_MAX + "] - ignoring");
                return;
            }
            Optional<Boolean> ipv6 = Optional.empty();
            if (st.size() > 2) {
                String family = st.word(2);
                if (family.equals("inet")) {
                    ipv6 = Optional.of(false);
                    g.haveIpv4 = true;
                } else if (family.equals("inet6")) {
                    ipv6 = Optional.of(true);
                    g.haveIpv6 = true;
                } else {
                    ctx.error(st, "(" + g.name + "): fwmark '" + mark + "' family " + family + " unknown - ignoring");
                    return;
                }
            } else {
                g.fwmarkNoFamily = true;
            }
            g.entries.add(new VirtualServerGroup.Fwmark(st.location(), mark, ipv6));
            return;
        }
        String port = st.size() >= 2 ? st.word(1) : null;
        if (port != null && port.chars().allMatch(c -> c == '0')) {
            port = null;
        }
        Integer portNumber = 0;
        InetAddress first = Addresses.parse(Addresses.stripRangeAndMask(addr));
        if (port != null) {
            Long p = ctx.numbers(st).readUnsigned(port, 1, 65535, true);
            portNumber = p == null ? null : p.intValue();
        }
        if (first == null || portNumber == null) {
            ctx.error(st, "Invalid virtual server group IP address " + addr + " " + (port != null ? "/port/" + port : "") + " - skipping");
            return;
        }
        boolean ipv6 = Addresses.isIpv6(first);
        InetAddress last = first;
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            String maskText = addr.substring(slash + 1);
            io.lvsj.text.CNumber n = new io.lvsj.text.CNumber(maskText);
            long mask = n.read(10);
            if (!n.atEnd() || n.noDigits() || mask == 0 || mask > (ipv6 ? 128 : 32)) {
                ctx.error(st, "Invalid netmask - " + addr + " - skipping");
                return;
            }
            java.math.BigInteger value = new java.math.BigInteger(1, first.getAddress());
            int bits = ipv6 ? 128 : 32;
            java.math.BigInteger host = java.math.BigInteger.ONE.shiftLeft(bits - (int) mask).subtract(java.math.BigInteger.ONE);
            if (!value.and(host).equals(java.math.BigInteger.ZERO)) {
                ctx.error(st, "Address mask bits not empty - " + addr + " - skipping");
                return;
            }
            last = addressOf(value.or(host), ipv6);
        } else {
            int dash = addr.indexOf('-');
            String end = dash >= 0 ? addr.substring(dash + 1) : null;
            if (end != null && ((!ipv6 && end.indexOf('.') >= 0) || (ipv6 && end.indexOf(':') >= 0))) {
                InetAddress e = Addresses.parse(Addresses.stripRangeAndMask(end));
                if (e == null) {
                    ctx.error(st, "Invalid range end " + addr + " - skipping");
                    return;
                }
                if (Addresses.isIpv6(e) != ipv6) {
                    ctx.error(st, "Range address families do not match " + addr + " - skipping");
                    return;
                }
                if (new java.math.BigInteger(1, first.getAddress()).compareTo(new java.math.BigInteger(1, e.getAddress())) > 0) {
                    ctx.error(st, "Address range end is less than address range start - " + addr + " - skipping");
                    return;
                }
                last = e;
            } else if (end != null) {
                io.lvsj.text.CNumber n = new io.lvsj.text.CNumber(end);
                long range = n.read(ipv6 ? 16 : 10);
                boolean usable = true;
                if (!n.atEnd()) {
                    ctx.report(st, io.lvsj.keepalived.config.Severity.INVALID_NUMBER, "Virtual server group range '" + addr
                            + "' has extra characters at end '" + n.rest() + "'");
                    usable = true; // the running daemon uses the number in front
                } else if (n.overflow() || (ipv6 && range > 0xffff) || (!ipv6 && range > 255)) {
                    ctx.report(st, io.lvsj.keepalived.config.Severity.INVALID_NUMBER, "Virtual server group range '" + addr
                            + "' end '" + end + "' too large");
                    usable = false;
                }
                if (!usable) {
                    return;
                }
                byte[] b = first.getAddress();
                long start;
                if (ipv6) {
                    start = ((b[14] & 0xff) << 8) | (b[15] & 0xff);
                    b[14] = (byte) (range >> 8);
                    b[15] = (byte) range;
                } else {
                    start = b[3] & 0xff;
                    b[3] = (byte) range;
                }
                if (start >= range) {
                    ctx.error(st, "Address range end is not greater than address range start - " + addr + " - skipping");
                    return;
                }
                last = addressOf(new java.math.BigInteger(1, b), ipv6);
            }
        }
        if (ipv6) {
            g.haveIpv6 = true;
        } else {
            g.haveIpv4 = true;
        }
        g.entries.add(new VirtualServerGroup.AddressRange(st.location(), first, last, portNumber));
    }

    private static InetAddress addressOf(java.math.BigInteger value, boolean ipv6) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
