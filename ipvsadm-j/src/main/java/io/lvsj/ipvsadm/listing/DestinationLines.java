package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.TunnelType;
import io.lvsj.ipvsadm.cli.ListFormat;

/**
 * The destination lines of a listing ({@code "  -> ..."}) or of {@code -S} ({@code "-a ..."}).
 * ipvsadm reads a destination's connection, packet and rate counters with a 32-bit getter
 * from 64-bit attributes, so it shows only their low 32 bits (bytes stay 64-bit); the text
 * here does the same. The JSON extension has the full values.
 */
final class DestinationLines {
    private static final String[] TUNNEL_FLAG_NAMES = {"-c", "+c", "r+c"};
    private static final String[] TUNNEL_FLAG_OPTIONS = {"--tun-nocsum", "--tun-csum", "--tun-remcsum"};

    private final ListFormat format;
    private final EndpointNames endpoints;
    private final String serviceName;
    private final int protocol;

    DestinationLines(ListFormat format, EndpointNames endpoints, String serviceName, int protocol) {
        this.format = format;
        this.endpoints = endpoints;
        this.serviceName = serviceName;
        this.protocol = protocol;
    }

    /** @param fullNat whether the destination is a FullNAT one (extension: "FullNat", {@code --fullnat}) */
    void append(StringBuilder out, DestinationEntry entry, boolean fullNat) {
        Destination d = entry.destination();
        byte[] address = d.address().getAddress();
        if (format.rule()) {
            rule(out, d, endpoints.format(address, d.port(), protocol), fullNat);
            return;
        }
        out.append("  -> ");
        if (endpoints.numeric()) {
            int start = out.length();
            EndpointNames.appendNumeric(out, address, d.port()); // at most 21 characters for IPv4: no cut
            if (out.length() - start < 28) {
                out.repeat(' ', 28 - (out.length() - start));
            }
        } else {
            String name = endpoints.format(address, d.port(), protocol);
            Columns.left(out, address.length == 4 ? Columns.nulAt(name, 28) : name, 28);
        }
        Stats st = entry.stats();
        if (format.stats()) {
            LargeNumber.append(out, low32(st.connections()), format.exact());
            LargeNumber.append(out, low32(st.inPackets()), format.exact());
            LargeNumber.append(out, low32(st.outPackets()), format.exact());
            LargeNumber.append(out, st.inBytes(), format.exact());
            LargeNumber.append(out, st.outBytes(), format.exact());
        } else if (format.rate()) {
            Columns.right(out.append(' '), Long.toString(low32(st.connectionRate())), 8);
            Columns.right(out.append(' '), Long.toString(low32(st.inPacketRate())), 8);
            Columns.right(out.append(' '), Long.toString(low32(st.outPacketRate())), 8);
            LargeNumber.append(out, low32(st.inByteRate()), format.exact());
            LargeNumber.append(out, low32(st.outByteRate()), format.exact());
        } else if (format.thresholds()) {
            Columns.left(out.append(' '), Integer.toUnsignedString(d.upperThreshold()), 10);
            Columns.left(out.append(' '), Integer.toUnsignedString(d.lowerThreshold()), 10);
            Columns.left(out.append(' '), entry.activeConnections(), 10);
            Columns.left(out.append(' '), entry.inactiveConnections(), 10);
        } else if (format.persistentConn()) {
            Columns.left(out.append(' '), Integer.toUnsignedString(d.weight()), 9);
            Columns.left(out.append(' '), entry.persistentConnections(), 11);
            Columns.left(out.append(' '), entry.activeConnections(), 10);
            Columns.left(out.append(' '), entry.inactiveConnections(), 10);
        } else {
            Columns.left(out.append(' '), fullNat ? "FullNat" : d.method().label(), 7);
            if (format.tunInfo()) {
                Columns.left(out.append(' '), tunnelInfo(d), 13);
            }
            Columns.left(out.append(' '), d.weight(), 6);
            Columns.left(out.append(' '), entry.activeConnections(), 10);
            Columns.left(out.append(' '), entry.inactiveConnections(), 10);
        }
        out.append('\n');
    }

    private void rule(StringBuilder out, Destination d, String name, boolean fullNat) {
        out.append("-a ").append(serviceName).append(" -r ").append(name).append(' ')
                .append(fullNat ? "--fullnat" : switchOf(d.method()))
                .append(" -w ").append(d.weight());
        if (d.method() == ForwardingMethod.TUNNEL) {
            switch (d.tunnelType()) {
                case GRE -> out.append(" --tun-type gre ").append(flagOption(d.tunnelFlags()));
                case GUE -> out.append(" --tun-type gue --tun-port ").append(d.tunnelPort()).append(' ')
                        .append(flagOption(d.tunnelFlags()));
                case IPIP -> out.append(" --tun-type ipip");
            }
        }
        out.append('\n');
    }

    private static String switchOf(ForwardingMethod method) {
        return switch (method) {
            case MASQ -> "-m";
            case TUNNEL -> "-i";
            case LOCALNODE, DROUTE -> "-g";
        };
    }

    private static String tunnelInfo(Destination d) {
        if (d.method() != ForwardingMethod.TUNNEL) {
            return "n/a";
        }
        TunnelType type = d.tunnelType();
        return switch (type) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + d.tunnelPort() + ":" + flagName(d.tunnelFlags());
            case GRE -> "gre:" + flagName(d.tunnelFlags());
        };
    }

    private static String flagName(int flags) {
        return flags >= 0 && flags < TUNNEL_FLAG_NAMES.length ? TUNNEL_FLAG_NAMES[flags] : "?";
    }

    private static String flagOption(int flags) {
        return flags >= 0 && flags < TUNNEL_FLAG_OPTIONS.length ? TUNNEL_FLAG_OPTIONS[flags] : "";
    }

    private static long low32(long value) {
        return value & 0xffffffffL;
    }
}
