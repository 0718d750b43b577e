package io.lvsj.ipvsadm.listing;

import io.lvsj.fullnat.AddressText;
import io.lvsj.fullnat.FullNatTable;
import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvsadm.cli.ListFormat;
import io.lvsj.ipvsadm.cli.SchedulerFlags;
import io.lvsj.ipvsadm.inet.NameService;

import java.net.InetAddress;
import java.util.List;

/**
 * The text of {@code ipvsadm -L} in all its forms ({@code --stats}, {@code --rate},
 * {@code --thresholds}, {@code --persistent-conn}, {@code --tun-info}) and of {@code -S}, byte
 * for byte: the same columns, the same trailing blanks, IPv4 names cut at 33 and 28 characters,
 * fwmarks printed as signed numbers, destination counters cut to 32 bits. Pure formatting;
 * what to list comes from the caller.
 */
public final class TableListing {
    private final ListFormat format;
    private final EndpointNames endpoints;
    private final FullNatMarks fullNat;

    public TableListing(ListFormat format, NameService names) {
        this(format, names, FullNatTable.empty());
    }

    /** A listing that shows the FullNAT destinations of {@code fullNat} as such (extension). */
    public TableListing(ListFormat format, NameService names, FullNatTable fullNat) {
        this.format = format;
        this.endpoints = new EndpointNames(names, format.numeric());
        this.fullNat = new FullNatMarks(fullNat);
    }

    public static void header(StringBuilder out, IpvsInfo info) {
        int v = info.version();
        out.append("IP Virtual Server version ").append((v >> 16) & 0xff).append('.').append((v >> 8) & 0xff)
                .append('.').append(v & 0xff).append(" (size=").append(info.connectionTableSize()).append(")\n");
    }

    /** The column titles; nothing for {@code -S}. */
    public void title(StringBuilder out) {
        if (format.stats()) {
            counterTitle(out, "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes");
        } else if (format.rate()) {
            counterTitle(out, "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS");
        } else if (format.thresholds()) {
            Columns.left(out, "Prot LocalAddress:Port", 33).append(' ');
            Columns.left(out, "Uthreshold", 10).append(' ');
            Columns.left(out, "Lthreshold", 10).append(' ');
            Columns.left(out, "ActiveConn", 10).append(' ');
            Columns.left(out, "InActConn", 10).append("\n  -> RemoteAddress:Port\n");
        } else if (format.persistentConn()) {
            Columns.left(out, "Prot LocalAddress:Port", 33).append(' ');
            Columns.left(out, "Weight", 9).append(' ');
            Columns.left(out, "PersistConn", 11).append(' ');
            Columns.left(out, "ActiveConn", 10).append(' ');
            Columns.left(out, "InActConn", 10).append("\n  -> RemoteAddress:Port\n");
        } else if (format.tunInfo()) {
            out.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n");
        } else if (!format.rule()) {
            out.append("Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
    }

    private static void counterTitle(StringBuilder out, String... names) {
        Columns.left(out, "Prot LocalAddress:Port", 33);
        for (String name : names) {
            Columns.right(out.append(' '), name, 8);
        }
        out.append("\n  -> RemoteAddress:Port\n");
    }

    /** One service and its destinations (sorted unless {@code --nosort}). */
    public void service(StringBuilder out, ServiceEntry entry, List<DestinationEntry> destinations) {
        Service s = entry.service();
        String name = serviceName(s.key());
        if (format.rule()) {
            serviceRule(out, s, name);
        } else if (format.stats()) {
            Stats st = entry.stats();
            Columns.left(out, name, 33);
            counters(out, st.connections(), st.inPackets(), st.outPackets(), st.inBytes(), st.outBytes());
        } else if (format.rate()) {
            Stats st = entry.stats();
            Columns.left(out, name, 33);
            counters(out, st.connectionRate(), st.inPacketRate(), st.outPacketRate(), st.inByteRate(), st.outByteRate());
        } else {
            serviceLine(out, s, name);
        }
        out.append('\n');
        List<DestinationEntry> ordered = format.nosort() ? destinations : TableOrder.destinations(destinations);
        DestinationLines lines = new DestinationLines(format, endpoints, name, protocolOf(s.key()));
        for (DestinationEntry d : ordered) {
            lines.append(out, d, fullNat.isFullNat(s.key(), d.destination()));
        }
        if (format.rule()) {
            for (InetAddress lip : fullNat.localAddresses(s.key())) {
                out.append("-P ").append(name).append(" -z ").append(AddressText.of(lip)).append('\n');
            }
        }
    }

    private void counters(StringBuilder out, long... values) {
        for (long v : values) {
            LargeNumber.append(out, v, format.exact());
        }
    }

    private String serviceName(ServiceKey key) {
        switch (key) {
            case ServiceKey.Fwmark f -> {
                boolean v6 = f.family() == AddressFamily.INET6;
                if (format.rule()) {
                    return "-f " + f.mark() + (v6 ? " -6" : "");
                }
                return "FWM  " + f.mark() + (v6 ? " IPv6" : "");
            }
            case ServiceKey.Inet i -> {
                String endpoint = endpoints.format(i.address().getAddress(), i.port(), i.protocol().number());
                if (format.rule()) {
                    String option = switch (i.protocol().number()) {
                        case 6 -> "-t";
                        case 17 -> "-u";
                        case 132 -> "--sctp-service";
                        default -> "--xxx-service";
                    };
                    return option + " " + endpoint;
                }
                String protocol = i.protocol().name();
                StringBuilder text = Columns.left(new StringBuilder(), protocol != null ? protocol : "?", 4)
                        .append(' ').append(endpoint);
                return i.family() == AddressFamily.INET6 ? text.toString() : Columns.nulAt(text.toString(), 33);
            }
        }
    }

    private static void serviceRule(StringBuilder out, Service s, String name) {
        out.append("-A ").append(name).append(" -s ").append(s.scheduler());
        if (s.flags().persistent()) {
            out.append(" -p ").append(Integer.toUnsignedString(s.timeout()));
            mask(out, s, " -M ");
        }
        if (!s.persistenceEngine().isEmpty()) {
            out.append(" --pe ").append(s.persistenceEngine());
        }
        if (s.flags().onePacket()) {
            out.append(" -o");
        }
        if (s.flags().schedulerBits() != 0) {
            out.append(" -b ").append(SchedulerFlags.describe(s.scheduler(), s.flags().bits()));
        }
    }

    private static void serviceLine(StringBuilder out, Service s, String name) {
        out.append(name).append(' ').append(s.scheduler());
        ServiceFlags flags = s.flags();
        if (flags.schedulerBits() != 0) {
            out.append(" (").append(SchedulerFlags.describe(s.scheduler(), flags.bits())).append(')');
        }
        if (flags.persistent()) {
            out.append(" persistent ").append(Integer.toUnsignedString(s.timeout()));
            mask(out, s, " mask ");
            if (!s.persistenceEngine().isEmpty()) {
                out.append(" pe ").append(s.persistenceEngine());
            }
        }
        if (flags.onePacket()) {
            out.append(" ops");
        }
    }

    /** The persistence mask, when it is not the whole address. */
    private static void mask(StringBuilder out, Service s, String label) {
        int m = s.netmask();
        if (s.key().family() == AddressFamily.INET) {
            if (m != 0xffffffff) {
                out.append(label).append((m >>> 24) & 0xff).append('.').append((m >>> 16) & 0xff).append('.')
                        .append((m >>> 8) & 0xff).append('.').append(m & 0xff);
            }
        } else if (m != 128) {
            out.append(label).append(m);
        }
    }

    /** ipvsadm reads a fwmark service's protocol as 0, so its ports get no service names. */
    private static int protocolOf(ServiceKey key) {
        return key instanceof ServiceKey.Inet i ? i.protocol().number() : 0;
    }
}
