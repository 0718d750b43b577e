package io.lvsj.ipvsadm.listing;

import io.lvsj.fullnat.FullNatTable;
import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvsadm.cli.SchedulerFlags;
import io.lvsj.text.InetText;

import java.util.List;

/**
 * The JSON extension ({@code -L --json}): every listing as one JSON document, with the values
 * ipvsadm's text cannot show: 64-bit destination counters, rates, unsigned fwmarks, thresholds,
 * tunnel settings and persistent connections all at once. Addresses are always numeric.
 * Services and destinations come in the same order as in the text listing.
 */
public final class JsonListing {
    private final StringBuilder out;
    private final JsonWriter json;
    private final FullNatMarks fullNat;

    public JsonListing(StringBuilder out) {
        this(out, FullNatTable.empty());
    }

    /** Listings that show FullNAT destinations and local addresses (extension; only where FullNAT is used). */
    public JsonListing(StringBuilder out, FullNatTable fullNat) {
        this.out = out;
        this.json = new JsonWriter(out);
        this.fullNat = new FullNatMarks(fullNat);
    }

    /** Opens the document of a table listing; {@code info} is null for a single service. */
    public void beginTable(IpvsInfo info) {
        json.beginObject();
        if (info != null) {
            json.name("version").value(info.versionText());
            json.name("connection_table_size").value(info.connectionTableSize());
        }
        json.name("services").beginArray();
    }

    public void service(ServiceEntry entry, List<DestinationEntry> destinations) {
        Service s = entry.service();
        json.beginObject();
        key(s.key());
        json.name("scheduler").value(s.scheduler());
        json.name("scheduler_flags").beginArray();
        String flags = SchedulerFlags.describe(s.scheduler(), s.flags().bits());
        if (!flags.isEmpty()) {
            for (String flag : flags.split(",")) {
                json.value(flag);
            }
        }
        json.endArray();
        json.name("persistent").value(s.flags().persistent());
        json.name("timeout").unsigned(Integer.toUnsignedLong(s.timeout()));
        json.name("netmask");
        if (s.key().family() == AddressFamily.INET) {
            int m = s.netmask();
            json.value(InetText.ntop4(new byte[]{(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m}, 0));
        } else {
            json.value(s.netmask());
        }
        json.name("persistence_engine").value(s.persistenceEngine().isEmpty() ? null : s.persistenceEngine());
        json.name("one_packet").value(s.flags().onePacket());
        stats(entry.stats());
        if (fullNat.any(s.key())) {
            json.name("local_addresses").beginArray();
            for (java.net.InetAddress lip : fullNat.localAddresses(s.key())) {
                json.value(InetText.ntop(lip.getAddress()));
            }
            json.endArray();
        }
        json.name("destinations").beginArray();
        for (DestinationEntry d : destinations) {
            destination(d, fullNat.isFullNat(s.key(), d.destination()));
        }
        json.endArray();
        json.endObject();
    }

    public void endTable() {
        json.endArray().endObject();
        out.append('\n');
    }

    public void timeouts(Timeouts t) {
        json.beginObject().name("timeouts").beginObject();
        json.name("tcp").value(Integer.toUnsignedLong(t.tcp()));
        json.name("tcp_fin").value(Integer.toUnsignedLong(t.tcpFin()));
        json.name("udp").value(Integer.toUnsignedLong(t.udp()));
        json.endObject().endObject();
        out.append('\n');
    }

    public void daemons(List<SyncDaemon> daemons) {
        json.beginObject().name("daemons").beginArray();
        for (SyncDaemon d : daemons) {
            json.beginObject();
            json.name("state").value(d.state().word());
            json.name("interface").value(d.interfaceName());
            json.name("syncid").value(d.syncId());
            json.name("max_length").value(d.maxLength());
            json.name("group").value(d.group() == null ? null : InetText.ntop(d.group().getAddress()));
            json.name("port").value(d.port());
            json.name("ttl").value(d.ttl());
            json.endObject();
        }
        json.endArray().endObject();
        out.append('\n');
    }

    public void beginConnections() {
        json.beginObject().name("connections").beginArray();
    }

    public void connection(ConnectionListing.Row row) {
        json.beginObject();
        json.name("protocol").value(row.protocol());
        endpoint("client", row.client(), row.clientPort());
        endpoint("virtual", row.virtual(), row.virtualPort());
        endpoint("destination", row.destination(), row.destinationPort());
        json.name("state").value(row.state());
        json.name("expires").value(Integer.toUnsignedLong(row.expires()));
        json.name("persistence_engine").value(row.fieldCount() == 11 ? row.peName() : null);
        json.name("persistence_data").value(row.fieldCount() == 11 ? row.peData() : null);
        json.endObject();
    }

    public void endConnections() {
        json.endArray().endObject();
        out.append('\n');
    }

    private void endpoint(String name, byte[] address, int port) {
        json.name(name).beginObject();
        json.name("address").value(InetText.ntop(address));
        json.name("port").value(port);
        json.endObject();
    }

    private void key(ServiceKey key) {
        json.name("family").value(key.family() == AddressFamily.INET6 ? "inet6" : "inet");
        switch (key) {
            case ServiceKey.Fwmark f -> json.name("fwmark").unsigned(Integer.toUnsignedLong(f.mark()));
            case ServiceKey.Inet i -> {
                String protocol = i.protocol().name();
                json.name("protocol").value(protocol != null ? protocol.toLowerCase(java.util.Locale.ROOT)
                        : Integer.toString(i.protocol().number()));
                json.name("address").value(InetText.ntop(i.address().getAddress()));
                json.name("port").value(i.port());
            }
        }
    }

    private void destination(DestinationEntry entry, boolean isFullNat) {
        Destination d = entry.destination();
        json.beginObject();
        json.name("family").value(d.family() == AddressFamily.INET6 ? "inet6" : "inet");
        json.name("address").value(InetText.ntop(d.address().getAddress()));
        json.name("port").value(d.port());
        json.name("forwarding").value(isFullNat ? "fullnat" : d.method().label().toLowerCase(java.util.Locale.ROOT));
        json.name("weight").value(d.weight());
        json.name("upper_threshold").unsigned(Integer.toUnsignedLong(d.upperThreshold()));
        json.name("lower_threshold").unsigned(Integer.toUnsignedLong(d.lowerThreshold()));
        json.name("active_connections").value(entry.activeConnections());
        json.name("inactive_connections").value(entry.inactiveConnections());
        json.name("persistent_connections").value(entry.persistentConnections());
        json.name("tunnel");
        if (d.method() == ForwardingMethod.TUNNEL) {
            json.beginObject();
            json.name("type").value(d.tunnelType().name().toLowerCase(java.util.Locale.ROOT));
            json.name("port").value(d.tunnelPort());
            json.name("checksum").value(switch (d.tunnelFlags()) {
                case 1 -> "csum";
                case 2 -> "remcsum";
                default -> "nocsum";
            });
            json.endObject();
        } else {
            json.value((String) null);
        }
        stats(entry.stats());
        json.endObject();
    }

    private void stats(Stats s) {
        json.name("stats").beginObject();
        json.name("connections").unsigned(s.connections());
        json.name("in_packets").unsigned(s.inPackets());
        json.name("out_packets").unsigned(s.outPackets());
        json.name("in_bytes").unsigned(s.inBytes());
        json.name("out_bytes").unsigned(s.outBytes());
        json.endObject();
        json.name("rates").beginObject();
        json.name("connections_per_second").unsigned(s.connectionRate());
        json.name("in_packets_per_second").unsigned(s.inPacketRate());
        json.name("out_packets_per_second").unsigned(s.outPacketRate());
        json.name("in_bytes_per_second").unsigned(s.inByteRate());
        json.name("out_bytes_per_second").unsigned(s.outByteRate());
        json.endObject();
    }
}
