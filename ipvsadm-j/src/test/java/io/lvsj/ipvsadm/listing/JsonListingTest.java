package io.lvsj.ipvsadm.listing;

import io.lvsj.ipvs.AddressFamily;
import io.lvsj.ipvs.DaemonState;
import io.lvsj.ipvs.Destination;
import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.ForwardingMethod;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.Service;
import io.lvsj.ipvs.ServiceEntry;
import io.lvsj.ipvs.ServiceFlags;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.ipvs.Stats;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.ipvs.Timeouts;
import io.lvsj.ipvs.TunnelType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON extension: what the text cannot show (64-bit destination counters, unsigned fwmarks). */
class JsonListingTest {

    @Test
    void writesFullCountersAndUnsignedMarks() throws Exception {
        StringBuilder out = new StringBuilder();
        JsonListing json = new JsonListing(out);
        json.beginTable(new IpvsInfo(0x010201, 4096));
        Stats big = new Stats(5_000_000_000L, 2, 3, 4, 5, 6, 7, 8, 9, -1L);
        Destination tunnel = Destination.of(InetAddress.getByName("2001:db8::5"), 0, ForwardingMethod.TUNNEL)
                .withTunnel(TunnelType.GUE, 6080, TunnelType.FLAG_CSUM).withThresholds(100, 50);
        json.service(new ServiceEntry(new Service(ServiceKey.fwmark((int) 2882430849L, AddressFamily.INET), "sh",
                        new ServiceFlags(ServiceFlags.PERSISTENT | ServiceFlags.SCHED1), 300, 0xffffff00, "sip"), Stats.ZERO),
                List.of(new DestinationEntry(tunnel, 1, 2, 3, big)));
        json.endTable();
        assertEquals("{\"version\":\"1.2.1\",\"connection_table_size\":4096,\"services\":[{\"family\":\"inet\","
                + "\"fwmark\":2882430849,\"scheduler\":\"sh\",\"scheduler_flags\":[\"sh-fallback\"],\"persistent\":true,"
                + "\"timeout\":300,\"netmask\":\"255.255.255.0\",\"persistence_engine\":\"sip\",\"one_packet\":false,"
                + "\"stats\":{\"connections\":0,\"in_packets\":0,\"out_packets\":0,\"in_bytes\":0,\"out_bytes\":0},"
                + "\"rates\":{\"connections_per_second\":0,\"in_packets_per_second\":0,\"out_packets_per_second\":0,"
                + "\"in_bytes_per_second\":0,\"out_bytes_per_second\":0},\"destinations\":[{\"family\":\"inet6\","
                + "\"address\":\"2001:db8::5\",\"port\":0,\"forwarding\":\"tunnel\",\"weight\":1,\"upper_threshold\":100,"
                + "\"lower_threshold\":50,\"active_connections\":1,\"inactive_connections\":2,\"persistent_connections\":3,"
                + "\"tunnel\":{\"type\":\"gue\",\"port\":6080,\"checksum\":\"csum\"},\"stats\":{\"connections\":5000000000,"
                + "\"in_packets\":2,\"out_packets\":3,\"in_bytes\":4,\"out_bytes\":5},\"rates\":{\"connections_per_second\":6,"
                + "\"in_packets_per_second\":7,\"out_packets_per_second\":8,\"in_bytes_per_second\":9,"
                + "\"out_bytes_per_second\":18446744073709551615}}]}]}\n", out.toString());
    }

    @Test
    void writesTimeoutsAndDaemons() throws Exception {
        StringBuilder out = new StringBuilder();
        new JsonListing(out).timeouts(new Timeouts(900, 120, 300));
        new JsonListing(out).daemons(List.of(new SyncDaemon(DaemonState.BACKUP, "eth0", 7, 1472,
                InetAddress.getByName("ff02::1"), 8848, 1)));
        assertEquals("{\"timeouts\":{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}}\n"
                + "{\"daemons\":[{\"state\":\"backup\",\"interface\":\"eth0\",\"syncid\":7,\"max_length\":1472,"
                + "\"group\":\"ff02::1\",\"port\":8848,\"ttl\":1}]}\n", out.toString());
    }
}
