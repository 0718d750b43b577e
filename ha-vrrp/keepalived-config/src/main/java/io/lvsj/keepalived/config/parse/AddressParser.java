package io.lvsj.keepalived.config.parse;

import io.lvsj.keepalived.config.IpAddress;
import io.lvsj.keepalived.config.Prefix;
import io.lvsj.keepalived.config.Severity;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * VIP, eVIP and static address lines ({@code alloc_ipaddress} and {@code parse_ipaddress} in
 * keepalived's {@code vrrp_ipaddress.c}).
 */
final class AddressParser {
    private final ParseContext ctx;

    AddressParser(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** An address with an optional {@code /LEN}: {@code parse_ipaddress}; null (reported) if invalid. */
    Prefix address(Statement st, String text, boolean allowPrefix) {
        boolean ipv6 = text.indexOf(':') >= 0;
        int length = ipv6 ? 128 : 32;
        String literal = text;
        int slash = allowPrefix ? text.indexOf('/') : -1;
        if (slash >= 0) {
            Long len = ctx.numbers(st).readUnsigned(text.substring(slash + 1), 0, length, true);
            if (len == null) {
                ctx.error(st, "Invalid address prefix len " + text.substring(slash + 1) + " for address " + text + " - using " + length);
            } else {
                length = len.intValue();
            }
            literal = text.substring(0, slash);
        }
        InetAddress a = ipv6 ? Addresses.parse6(literal) : Addresses.parse4(literal);
        if (a == null) {
            ctx.error(st, "VRRP parsed invalid IP " + text + ". skipping IP...");
            return null;
        }
        return Prefix.of(a, length);
    }

    /** {@code parse_route}: {@code default}, {@code any}, {@code all}, {@code default6} or an address. */
    Prefix route(Statement st, String text) {
        if (text.equals("default") || text.equals("any") || text.equals("all")) {
            return new Prefix(null, 0, false);
        }
        if (text.equals("default6")) {
            ctx.note(st, "'default6' is deprecated - please replace with 'inet6 default'");
            return Prefix.any(true);
        }
        return address(st, text, true);
    }

    /** One address line; null when keepalived would skip it. */
    IpAddress parse(Statement st, boolean staticAddress) {
        Prefix p = address(st, st.word(0), true);
        if (p == null) {
            return null;
        }
        InetAddress address = p.address();
        int prefixLength = p.length();
        boolean ipv6 = p.ipv6();
        String device = null;
        InetAddress broadcast = null;
        int broadcastMode = 0; // -1 '+', -2 '-'
        boolean haveBroadcast = false;
        Integer scope = null;
        String label = null;
        InetAddress peer = null;
        Set<IpAddress.Flag> flags = EnumSet.noneOf(IpAddress.Flag.class);
        boolean noTrack = false;
        Long preferred = null;
        boolean useVmac = false;
        String trackGroup = null;
        String missing = null;
        int i = 1;
        while (i < st.size()) {
            String word = st.word(i);
            boolean haveValue = st.size() >= i + 2;
            switch (word) {
                case "dev" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    if (device != null) {
                        ctx.error(st, "Cannot specify ipaddress device more than once for " + st.word(0));
                        return null;
                    }
                    String name = st.word(++i);
                    if (ctx.interfaceDynamic(name).isEmpty()) {
                        ctx.error(st, "WARNING - interface " + name + " for ip address " + st.word(0) + " doesn't exist");
                        return null;
                    }
                    device = name;
                }
                case "scope" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    Long s = ctx.rtTables.scope(st.word(++i));
                    if (s == null) {
                        ctx.error(st, "Invalid scope '" + st.word(i) + "' specified for " + st.word(0) + " - ignoring");
                    } else {
                        scope = s.intValue();
                    }
                }
                case "broadcast", "brd" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    if (ipv6) {
                        ctx.error(st, "VRRP is trying to assign a broadcast " + word + " to the IPv6 address " + st.word(0)
                                + " !!?? WTF... skipping VIP...");
                        return null;
                    }
                    haveBroadcast = true;
                    String value = st.word(++i);
                    if (value.equals("-")) {
                        broadcastMode = -2;
                    } else if (value.equals("+")) {
                        broadcastMode = -1;
                    } else {
                        broadcast = Addresses.parse4(value);
                        if (broadcast == null) {
                            ctx.error(st, "VRRP is trying to assign invalid broadcast " + value + ". skipping VIP...");
                            return null;
                        }
                    }
                }
                case "label" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    String value = st.word(++i);
                    if (value.length() >= 16) {
                        ctx.error(st, "Address label " + value + " is longer than maximum length 15 - removing address");
                        return null;
                    }
                    label = value;
                }
                case "peer" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    String value = st.word(++i);
                    if (peer != null) {
                        ctx.error(st, "Peer " + value + " - another peer has already been specified");
                        break;
                    }
                    Prefix pp = address(st, value, false);
                    if (pp == null) {
                        ctx.error(st, "Invalid peer address " + value);
                    } else if (pp.ipv6() != ipv6) {
                        ctx.error(st, "Peer address " + value + " does not match address family");
                    } else {
                        if (prefixLength != (ipv6 ? 128 : 32)) {
                            ctx.error(st, "Cannot specify address prefix when specifying peer address - ignoring");
                        }
                        peer = pp.address();
                        prefixLength = pp.length();
                    }
                }
                case "home" -> flags.add(IpAddress.Flag.HOME);
                case "-nodad" -> flags.add(IpAddress.Flag.NODAD);
                case "mngtmpaddr" -> flags.add(IpAddress.Flag.MNGTMPADDR);
                case "noprefixroute" -> flags.add(IpAddress.Flag.NOPREFIXROUTE);
                case "autojoin" -> flags.add(IpAddress.Flag.AUTOJOIN);
                case "no_track" -> noTrack = true;
                case "preferred_lft" -> {
                    if (!haveValue) {
                        missing = word;
                        break;
                    }
                    String value = st.word(++i);
                    if (value.equals("forever")) {
                        preferred = IpAddress.FOREVER;
                    } else {
                        Long v = ctx.numbers(st).readUnsigned(value, 0, Numbers.UINT_MAX, true);
                        if (v == null) {
                            ctx.error(st, "preferred_lft " + value + " is invalid");
                        } else {
                            preferred = v;
                        }
                    }
                }
                default -> {
                    if (staticAddress && word.equals("track_group")) {
                        if (!haveValue) {
                            missing = word;
                            break;
                        }
                        String group = st.word(++i);
                        if (trackGroup != null) {
                            ctx.error(st, "track_group " + group + " is a duplicate");
                            i = st.size();
                            break;
                        }
                        if (ctx.vrrp.findTrackGroup(group) == null) {
                            ctx.error(st, "track_group " + group + " not found");
                        } else {
                            trackGroup = group;
                        }
                    } else if (!staticAddress && word.equals("use_vmac")) {
                        useVmac = true;
                    } else {
                        ctx.error(st, "Unknown configuration entry '" + word + "' for ip address - ignoring");
                    }
                }
            }
            if (missing != null) {
                break;
            }
            i++;
        }
        if (missing != null) {
            ctx.error(st, "No " + missing + " parameter specified for " + st.word(0));
            return null;
        }
        if (haveBroadcast && peer != null) {
            ctx.error(st, "Cannot specify broadcast and peer addresses - ignoring broadcast address");
            broadcast = null;
        } else if (broadcastMode < 0 && prefixLength <= 30) {
            broadcast = broadcastOf(peer != null ? peer : address, prefixLength, broadcastMode == -1);
        } else if (broadcastMode < 0) {
            ctx.error(st, "Address prefix length " + prefixLength + " too long for broadcast");
        }
        if (staticAddress && device == null) {
            String fallback = ctx.global.defaultInterface == null ? "eth0" : ctx.global.defaultInterface;
            if (ctx.interfaceDynamic(fallback).isEmpty()) {
                ctx.report(st, Severity.FATAL, "Static address " + st.word(0) + " requires either an interface or default interface must exist");
                return null;
            }
        }
        if (ipv6) {
            if (scope != null && scope != 0) {
                ctx.error(st, "Cannot specify scope for IPv6 addresses (" + st.word(0) + ") - ignoring scope");
                scope = null;
            }
            if (label != null) {
                ctx.error(st, "Cannot specify label for IPv6 addresses (" + st.word(0) + ") - ignoring label");
                label = null;
            }
            if (preferred == null) {
                preferred = prefixLength == 128 ? 0L : IpAddress.FOREVER;
            }
        }
        return new IpAddress(st.location(), address, prefixLength, Optional.ofNullable(device),
                Optional.ofNullable(broadcast), scope == null ? OptionalInt.empty() : OptionalInt.of(scope),
                Optional.ofNullable(label), Optional.ofNullable(peer), flags, noTrack,
                preferred == null ? OptionalLong.empty() : OptionalLong.of(preferred), useVmac,
                Optional.ofNullable(trackGroup));
    }

    static InetAddress broadcastOf(InetAddress base, int prefixLength, boolean plus) {
        byte[] b = base.getAddress();
        int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int hostMask = prefixLength >= 32 ? 0 : (int) (0xFFFF_FFFFL >>> prefixLength);
        value = plus ? value | hostMask : value & ~hostMask;
        try {
            return Inet4Address.getByAddress(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
