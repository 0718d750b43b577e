package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.Location;
import io.lvsj.keepalived.config.Severity;
import io.lvsj.keepalived.config.VirtualServer;
import io.lvsj.keepalived.config.VirtualServerGroup;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vip_bind_dev IFNAME} in a {@code virtual_server}: the keyword of Alibaba's and DPVS's
 * keepalived forks (a keepalived-j extension; keepalived 2.2 says "Unknown keyword"). While the
 * virtual server's quorum holds, its addresses are on interface IFNAME as /32 or /128, where a
 * routing daemon exporting that interface announces them. The keyword is read here; the
 * addresses are checked once the groups are linked ({@link #check}), since only then are a
 * group's addresses known.
 */
final class VipBindDevice {
    static final String KEYWORD = "vip_bind_dev";
    /** {@code IFNAMSIZ}: a name is at most 15 bytes. */
    private static final int NAME_LIMIT = 15;

    private VipBindDevice() {
    }

    static void parse(ParseContext ctx, Statement st, CheckData.VsDraft vs) {
        ctx.note(st, KEYWORD + " is a keepalived-j extension (from Alibaba's and DPVS's keepalived); keepalived ignores it"
                + " (\"Unknown keyword\")");
        if (st.size() < 2) {
            ctx.error(st, KEYWORD + " needs an interface name - ignoring");
            return;
        }
        String name = st.word(1);
        if (st.size() > 2) {
            ctx.error(st, KEYWORD + " takes one interface name - ignoring '" + st.word(2) + "' and what follows");
        }
        if (!validName(name)) {
            ctx.error(st, KEYWORD + " interface name '" + name + "' is invalid (at most " + NAME_LIMIT
                    + " characters, no '/', ':' or blanks) - ignoring");
            return;
        }
        if (vs.vipBindDev != null) {
            ctx.error(st, KEYWORD + " already specified as " + vs.vipBindDev + " - replacing with " + name);
        }
        if (ctx.host.networkInterface(name).isEmpty()) {
            ctx.error(st, KEYWORD + " " + name + ": no such interface now; keepalived-j binds the VIP once it exists");
        }
        vs.vipBindDev = name;
        vs.vipBindDevAt = st.location();
    }

    private static boolean validName(String name) {
        return !name.isEmpty() && name.length() <= NAME_LIMIT && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /**
     * Drops the binding of a virtual server that has no address to bind (fwmark) or whose
     * address is no unicast host address: nothing is bound that could not be announced.
     */
    static void check(ParseContext ctx, CheckData.VsDraft vs) {
        if (vs.vipBindDev == null) {
            return;
        }
        Location at = vs.vipBindDevAt;
        String name = CheckCompletion.text(vs);
        List<InetAddress> addresses = new ArrayList<>();
        switch (vs.key) {
            case VirtualServer.Fwmark f -> {
                ctx.report(at, Severity.GENERAL, "Virtual server " + name + ": a fwmark has no address to bind - "
                        + KEYWORD + " ignored");
                vs.vipBindDev = null;
                return;
            }
            case VirtualServer.Address a -> addresses.add(a.address());
            case VirtualServer.Group g -> {
                if (vs.group != null) {
                    for (VirtualServerGroup.Entry e : vs.group.entries) {
                        if (e instanceof VirtualServerGroup.AddressRange r) {
                            addresses.add(r.first());
                            addresses.add(r.last());
                        }
                    }
                    if (vs.group.hasFwmarks()) {
                        ctx.report(at, Severity.NOTE, "Virtual server " + name + ": the group's fwmarks have no address;"
                                + " " + KEYWORD + " binds its addresses only");
                    }
                }
            }
        }
        for (InetAddress a : addresses) {
            String why = notHost(a);
            if (why != null) {
                ctx.report(at, Severity.GENERAL, "Virtual server " + name + ": " + Addresses.format(a)
                        + " is not a unicast host address (" + why + ") - " + KEYWORD + " ignored");
                vs.vipBindDev = null;
                return;
            }
        }
        if (vs.haSuspend) {
            // ha_suspend stops the checks while the VIP is not here; vip_bind_dev removes the VIP
            // when the checks fail: together, a lost quorum could never come back
            ctx.report(at, Severity.GENERAL, "Virtual server " + name + ": ha_suspend would stop the checks that"
                    + " bring a VIP " + KEYWORD + " removed back - clearing ha_suspend");
            vs.haSuspend = false;
        }
    }

    /** Why {@code a} cannot be a VIP a router is told about, or null when it can. */
    static String notHost(InetAddress a) {
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a instanceof Inet4Address && a.getAddress()[0] == (byte) 255 && a.equals(broadcast())) {
            return "broadcast";
        }
        return null;
    }

    private static InetAddress broadcast() {
        return Addresses.parse4("255.255.255.255");
    }
}
