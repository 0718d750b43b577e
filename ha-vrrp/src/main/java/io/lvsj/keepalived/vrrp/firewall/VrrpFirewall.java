package io.lvsj.keepalived.vrrp.firewall;

import io.lvsj.nft.NftClient.Element;
import io.lvsj.nft.NftClient.Family;
import org.slf4j.Logger;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.List;

/**
 * keepalived's nftables table for VRRP (vrrp_nftables.c), built as keepalived builds it:
 * nothing until something is needed, then each family's table, chains, sets and rules made
 * once, in keepalived's order, and the elements changed on every transition.
 * <ul>
 *   <li>A master that does not accept traffic to its VIPs ({@code no_accept}, implied by
 *       {@code vrrp_strict}; address owners excepted) puts them in the {@code vips} sets (a
 *       link-local IPv6 VIP with its interface in {@code vips_link_local}) before it adds them,
 *       and takes them out after removing them.</li>
 *   <li>A {@code use_vmac} link is entered in {@code vmac_map} (and for IPv6 {@code vmac_set})
 *       while it exists.</li>
 *   <li>Leftover tables of a previous run are deleted when the first table is made; the tables
 *       are deleted when the daemon stops.</li>
 * </ul>
 * Runs on the VRRP thread: an element change is one netlink transaction, microseconds.
 */
public final class VrrpFirewall implements AutoCloseable {
    /** A VIP as the firewall needs it: its address and, for a link-local one, its interface. */
    public record Address(InetAddress address, String device, int ifindex) {
        boolean linkLocal() {
            return address instanceof Inet6Address a && a.isLinkLocalAddress();
        }
    }

    private final NftScripts scripts;
    private final NftPort port;
    private final Logger log;
    /** {@code nftables_ifindex} not set: link-local VIPs of an instance with dont_track_primary are matched by name. */
    private final boolean matchNames;
    private boolean ipv4Table;
    private boolean ipv6Table;
    private boolean ipv4Vips;
    private boolean ipv6Vips;
    private boolean linkLocalByIndex;
    private boolean linkLocalByName;
    private boolean ipv4Vmac;
    private boolean ipv6Vmac;
    /** The VIP elements in the sets now. */
    private final Set<String> dropped = new HashSet<>();

    /**
     * @param table      {@code nftables} (default "keepalived")
     * @param priority   {@code nftables_priority} (-1)
     * @param counters   {@code nftables_counters}
     * @param byIndex    {@code nftables_ifindex}
     */
    public VrrpFirewall(String table, int priority, boolean counters, boolean byIndex, NftPort port, Logger log) {
        this.scripts = new NftScripts(table, priority, counters);
        this.port = port;
        this.log = log;
        this.matchNames = !byIndex;
    }

    /**
     * Drops traffic to and from {@code addresses} (a master that does not accept it);
     * {@code dontTrackPrimary} is the instance's. Addresses already dropped are an error, as
     * in keepalived.
     */
    public void dropVips(List<Address> addresses, boolean dontTrackPrimary) {
        elements(addresses, dontTrackPrimary, true);
    }

    /** Lets traffic to and from {@code addresses} through again. */
    public void acceptVips(List<Address> addresses, boolean dontTrackPrimary) {
        elements(addresses, dontTrackPrimary, false);
    }

    private void elements(List<Address> addresses, boolean dontTrackPrimary, boolean add) {
        List<Element> v4 = new ArrayList<>();
        List<Element> v6 = new ArrayList<>();
        List<Element> llIndex = new ArrayList<>();
        List<Element> llName = new ArrayList<>();
        for (Address a : addresses) {
            if (a.address() instanceof Inet4Address) {
                if (add) {
                    setUpIpv4Vips();
                }
                v4.add(Element.of(a.address().getAddress()));
                continue;
            }
            if (add) {
                setUpIpv6Vips();
            }
            if (!a.linkLocal()) {
                v6.add(Element.of(a.address().getAddress()));
            } else if (matchNames && dontTrackPrimary) {
                if (add && !linkLocalByName) {
                    port.script(scripts.linkLocal(true));
                    linkLocalByName = true;
                }
                llName.add(Element.of(concat(a.address(), name(a.device()))));
            } else {
                if (add && !linkLocalByIndex) {
                    port.script(scripts.linkLocal(false));
                    linkLocalByIndex = true;
                }
                llIndex.add(Element.of(concat(a.address(), index(a.ifindex()))));
            }
        }
        String table = scripts.table();
        apply(Family.IP, table, "vips", v4, add, ipv4Vips);
        apply(Family.IP6, table, "vips", v6, add, ipv6Vips);
        apply(Family.IP6, table, "vips_link_local", llIndex, add, linkLocalByIndex);
        apply(Family.IP6, table, "vips_link_local_name", llName, add, linkLocalByName);
    }

    /** Adds (or removes) the elements not yet in (or still in) the set: keepalived's {@code nftable_rule_set}. */
    private void apply(Family family, String table, String set, List<Element> elements, boolean add, boolean exists) {
        if (!exists) {
            return; // nothing to remove from a set never made
        }
        List<Element> changing = new ArrayList<>();
        for (Element e : elements) {
            String key = family + " " + set + " " + HexFormat.of().formatHex(e.key());
            if (add ? dropped.add(key) : dropped.remove(key)) {
                changing.add(e);
            }
        }
        if (changing.isEmpty()) {
            return;
        }
        if (add) {
            port.addElements(family, table, set, changing, true);
        } else {
            port.deleteElements(family, table, set, changing);
        }
    }

    /** Enters a VMAC ({@code vmacIndex} on parent {@code baseIndex}) for {@code family}, and the other family's too. */
    public void addVmac(int vmacIndex, int baseIndex, boolean ipv4, boolean otherFamily) {
        vmac(vmacIndex, baseIndex, ipv4 ? Family.IP : Family.IP6, true);
        if (otherFamily) {
            vmac(vmacIndex, baseIndex, ipv4 ? Family.IP6 : Family.IP, true);
        }
    }

    /** Takes a VMAC out again (its link is about to go). */
    public void removeVmac(int vmacIndex, int baseIndex, boolean ipv4, boolean otherFamily) {
        vmac(vmacIndex, baseIndex, ipv4 ? Family.IP : Family.IP6, false);
        if (otherFamily) {
            vmac(vmacIndex, baseIndex, ipv4 ? Family.IP6 : Family.IP, false);
        }
    }

    private void vmac(int vmacIndex, int baseIndex, Family family, boolean add) {
        boolean set = family == Family.IP ? ipv4Vmac : ipv6Vmac;
        if (!set) {
            if (!add) {
                return;
            }
            setUpTable(family);
            port.script(scripts.vmac(family));
            if (family == Family.IP) {
                ipv4Vmac = true;
            } else {
                ipv6Vmac = true;
            }
        }
        String table = scripts.table();
        List<Element> map = List.of(new Element(index(vmacIndex), index(baseIndex)));
        List<Element> setElement = List.of(Element.of(index(vmacIndex)));
        if (add) {
            port.addElements(family, table, "vmac_map", map, false);
            if (family == Family.IP6) {
                port.addElements(family, table, "vmac_set", setElement, false);
            }
        } else {
            port.deleteElements(family, table, "vmac_map", map);
            if (family == Family.IP6) {
                port.deleteElements(family, table, "vmac_set", setElement);
            }
        }
    }

    private void setUpIpv4Vips() {
        if (!ipv4Vips) {
            setUpTable(Family.IP);
            port.script(scripts.ipv4Vips());
            ipv4Vips = true;
        }
    }

    private void setUpIpv6Vips() {
        if (!ipv6Vips) {
            setUpTable(Family.IP6);
            port.script(scripts.ipv6Vips());
            ipv6Vips = true;
        }
    }

    /** A family's table and output chain; before the first of either, the tables a previous run left. */
    private void setUpTable(Family family) {
        if (family == Family.IP ? ipv4Table : ipv6Table) {
            return;
        }
        if (!ipv4Table && !ipv6Table) {
            for (Family f : Family.values()) {
                if (port.hasTable(f, scripts.table())) {
                    log.info("Deleting old " + f.word() + " " + scripts.table() + " table");
                    port.deleteTable(f, scripts.table());
                }
            }
        }
        port.script(scripts.table(family));
        if (family == Family.IP) {
            ipv4Table = true;
        } else {
            ipv6Table = true;
        }
    }

    /** Deletes the tables made (keepalived's {@code nft_end}). */
    @Override
    public void close() {
        try {
            if (ipv4Table) {
                port.deleteTable(Family.IP, scripts.table());
            }
            if (ipv6Table) {
                port.deleteTable(Family.IP6, scripts.table());
            }
        } finally {
            ipv4Table = ipv6Table = ipv4Vips = ipv6Vips = linkLocalByIndex = linkLocalByName = ipv4Vmac = ipv6Vmac
                    = false;
            dropped.clear();
            port.close();
        }
    }

    private static byte[] index(int ifindex) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(ifindex).array();
    }

    private static byte[] name(String device) {
        byte[] name = new byte[16];
        byte[] text = device.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, name, 0, Math.min(text.length, 15));
        return name;
    }

    private static byte[] concat(InetAddress address, byte[] tail) {
        byte[] key = new byte[16 + tail.length];
        System.arraycopy(address.getAddress(), 0, key, 0, 16);
        System.arraycopy(tail, 0, key, 16, tail.length);
        return key;
    }
}
