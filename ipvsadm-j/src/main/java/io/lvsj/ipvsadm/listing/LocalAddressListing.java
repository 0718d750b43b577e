package io.lvsj.ipvsadm.listing;

import io.lvsj.fullnat.AddressText;
import io.lvsj.fullnat.FirewallView;
import io.lvsj.fullnat.FullNatService;

import java.net.InetAddress;

/**
 * {@code -G} (extension): DPVS's table of local addresses, column for column:
 * <pre>
 * VIP:VPORT            TOTAL    SNAT_IP              CONFLICTS  CONNS
 * 203.0.113.10:80      2
 *                               198.51.100.11        0          5000
 * </pre>
 * CONNS counts the connections source-NATed to the address since its rule was made;
 * CONFLICTS is the namespace's count of connections the kernel dropped because their
 * translation clashed (it does not say which local address ran out, so every line shows it).
 */
public final class LocalAddressListing {
    private LocalAddressListing() {
    }

    public static void title(StringBuilder out) {
        row(out, "VIP:VPORT", "TOTAL", "SNAT_IP", "CONFLICTS", "CONNS");
    }

    public static void service(StringBuilder out, FullNatService s, FirewallView view, long clashes) {
        Columns.left(out, AddressText.endpoint(s.key().address(), s.key().port()), 20).append(' ');
        Columns.left(out, Integer.toString(s.localAddresses().size()), 8).append(" \n");
        for (InetAddress lip : s.localAddresses()) {
            row(out, "", "", AddressText.of(lip), Long.toString(clashes),
                    Long.toString(view.connections(s.key(), lip)));
        }
    }

    private static void row(StringBuilder out, String a, String b, String c, String d, String e) {
        Columns.left(out, a, 20).append(' ');
        Columns.left(out, b, 8).append(' ');
        Columns.left(out, c, 20).append(' ');
        Columns.left(out, d, 10).append(' ');
        Columns.left(out, e, 10).append('\n');
    }
}
