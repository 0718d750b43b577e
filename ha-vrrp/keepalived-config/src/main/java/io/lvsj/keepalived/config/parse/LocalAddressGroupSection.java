package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.LocalAddressGroup;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code local_address_group NAME { IP | A.B.C.D-E | IP DEVICE ... }}: keepalived-j's FullNAT
 * extension, in Alibaba LVS's syntax (single addresses and last-octet ranges, the end under 255)
 * and DPVS's (an address and its device). keepalived itself does not know the keyword, so each
 * group is noted as an extension; a bad line is an error naming it, and is skipped.
 */
final class LocalAddressGroupSection {
    static final String KEYWORD = "local_address_group";
    private final ParseContext ctx;

    LocalAddressGroupSection(ParseContext ctx) {
        this.ctx = ctx;
    }

    void group(Statement st) {
        ctx.note(st, KEYWORD + " is a keepalived-j extension (FullNAT, as in Alibaba LVS and DPVS); keepalived"
                + " does not know it");
        String name = st.size() >= 2 ? st.word(1) : "";
        List<String> words = st.words();
        Statement opener = new Statement(st.location(), words.size() > 2
                ? Stream.concat(Stream.of(""), words.subList(2, words.size()).stream()).toList() : List.of(""), st.line());
        List<LocalAddressGroup.Entry> entries = new ArrayList<>();
        for (Statement line : ctx.parser.valueBlock(opener)) {
            LocalAddressGroup.Entry e = entry(name, line);
            if (e != null) {
                entries.add(e);
            }
        }
        if (name.isEmpty()) {
            ctx.error(st, KEYWORD + " needs a name - ignoring");
            return;
        }
        if (ctx.check.localAddressGroups.stream().anyMatch(g -> g.name().equals(name))) {
            ctx.error(st, KEYWORD + " " + name + " is defined twice - ignoring this one");
            return;
        }
        ctx.check.localAddressGroups.add(new LocalAddressGroup(st.location(), name, entries));
    }

    private LocalAddressGroup.Entry entry(String group, Statement st) {
        String text = st.word(0);
        Optional<String> device = st.size() >= 2 ? Optional.of(st.word(1)) : Optional.empty();
        if (st.size() > 2) {
            ctx.error(st, "(" + group + "): local address line '" + String.join(" ", st.words())
                    + "' has more than an address and a device - skipping");
            return null;
        }
        int dash = text.indexOf('-');
        InetAddress first = Addresses.parse(dash < 0 ? text : text.substring(0, dash));
        if (first == null) {
            ctx.error(st, "(" + group + "): invalid local address " + text + " - skipping");
            return null;
        }
        if (dash < 0) {
            return new LocalAddressGroup.Entry(st.location(), first, first, device);
        }
        if (Addresses.isIpv6(first)) {
            ctx.error(st, "(" + group + "): local address ranges are IPv4 (A.B.C.D-E) - skipping " + text);
            return null;
        }
        String end = text.substring(dash + 1);
        int last;
        try {
            last = Integer.parseInt(end);
        } catch (NumberFormatException e) {
            last = -1;
        }
        int start = first.getAddress()[3] & 0xff;
        if (last <= start || last > 254) {
            ctx.error(st, "(" + group + "): local address range " + text + " must end after its start and under 255"
                    + " - skipping");
            return null;
        }
        byte[] b = first.getAddress();
        b[3] = (byte) last;
        try {
            return new LocalAddressGroup.Entry(st.location(), first, InetAddress.getByAddress(b), device);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
