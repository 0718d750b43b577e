package io.lvsj.keepalived.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code local_address_group NAME { ... }} (extension: Alibaba LVS's and DPVS's keepalived):
 * the local addresses (LIPs) a FullNAT virtual server's connections leave from. Each line is
 * one address, an IPv4 range of its last octet ({@code 198.51.100.20-22}, Alibaba), or an
 * address and a device name (DPVS; the device is kept, LVS-J places the address itself).
 */
public record LocalAddressGroup(Location location, String name, List<Entry> entries) {

    public LocalAddressGroup {
        entries = List.copyOf(entries);
    }

    /** One line: addresses {@code first} to {@code last} inclusive (the same for a single one). */
    public record Entry(Location location, InetAddress first, InetAddress last, Optional<String> device) {
    }

    /** Every address of the group, in order, ranges expanded. */
    public List<InetAddress> addresses() {
        List<InetAddress> out = new ArrayList<>();
        for (Entry e : entries) {
            byte[] b = e.first().getAddress();
            int from = b[b.length - 1] & 0xff;
            int to = e.last().getAddress()[b.length - 1] & 0xff;
            for (int octet = from; octet <= to; octet++) {
                b[b.length - 1] = (byte) octet;
                try {
                    out.add(InetAddress.getByAddress(b.clone()));
                } catch (java.net.UnknownHostException x) {
                    throw new IllegalStateException(x);
                }
            }
        }
        return out;
    }
}
