package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.check.Addresses;
import io.lvsj.keepalived.lvs.BoundVip;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.rtnl.Scope;
import org.slf4j.Logger;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code vip_bind_dev}'s hands: makes the addresses on the interfaces what
 * {@link io.lvsj.keepalived.lvs.BoundVips} calls for, through rtnetlink in the IPVS namespace.
 * A routing daemon that exports those interfaces ({@code protocol direct} in BIRD,
 * {@code redistribute connected} in FRR) then announces exactly the VIPs whose virtual server
 * is up. It compares with what the interfaces hold each time, so a VIP someone removed by hand
 * comes back, and one left by an earlier keepalived-j that was killed goes. An interface that
 * does not exist, or an address the kernel refuses, is logged once and reported as unfinished,
 * for the caller to try again. Used from one thread (the checker process's event thread).
 */
public final class VipBinder implements AutoCloseable {
    private final Supplier<RtnlClient> opener;
    private final Logger log;
    private RtnlClient rtnl;
    /** What this process has on interfaces: a reload that drops a binding still removes its VIP. */
    private final Set<BoundVip> bound = new LinkedHashSet<>();
    /** The last complaint logged about each VIP, so a retry that fails the same way stays quiet. */
    private final Map<BoundVip, String> complaints = new HashMap<>();
    private String openComplaint;

    public VipBinder(Supplier<RtnlClient> opener, Logger log) {
        this.opener = opener;
        this.log = log;
    }

    /**
     * Puts {@code wanted} on their interfaces and takes every other VIP of {@code configured}
     * (and every VIP bound before) off them.
     *
     * @return true when done; false when something could not be done now and is worth trying again
     */
    public boolean sync(Set<BoundVip> configured, Set<BoundVip> wanted) {
        Set<BoundVip> managed = new LinkedHashSet<>(configured);
        managed.addAll(bound);
        managed.addAll(wanted);
        if (managed.isEmpty()) {
            return true;
        }
        List<Link> links;
        List<InterfaceAddress> addresses;
        try {
            if (rtnl == null) {
                rtnl = opener.get();
            }
            links = rtnl.links();
            addresses = rtnl.addresses();
            openComplaint = null;
        } catch (NetlinkException e) {
            String text = "vip_bind_dev: cannot read the interfaces: " + e.getMessage();
            if (!text.equals(openComplaint)) {
                log.info(text);
                openComplaint = text;
            }
            return false;
        }
        Map<String, Integer> index = new HashMap<>();
        links.forEach(l -> index.put(l.name(), l.index()));
        boolean done = true;
        for (BoundVip vip : managed) {
            boolean want = wanted.contains(vip);
            Integer ifindex = index.get(vip.device());
            if (ifindex == null) {
                bound.remove(vip);
                if (want) {
                    complain(vip, "vip_bind_dev " + vip.device() + ": no such interface; "
                            + Addresses.text(vip.address()) + " is not announced until it exists");
                    done = false;
                } else {
                    complaints.remove(vip);
                }
                continue;
            }
            Optional<InterfaceAddress> present = addresses.stream()
                    .filter(a -> a.interfaceIndex() == ifindex && a.address().equals(vip.address())).findFirst();
            if (want == present.isPresent()) {
                if (want) {
                    bound.add(vip);
                }
                complaints.remove(vip);
                continue;
            }
            try {
                if (want) {
                    rtnl.addAddress(address(ifindex, vip));
                    bound.add(vip);
                    log.info("vip_bind_dev: adding " + Addresses.text(vip.address()) + "/" + vip.prefixLength()
                            + " to " + vip.device());
                } else {
                    rtnl.deleteAddress(present.get());
                    bound.remove(vip);
                    log.info("vip_bind_dev: removing " + Addresses.text(vip.address()) + "/"
                            + present.get().prefixLength() + " from " + vip.device());
                }
                complaints.remove(vip);
            } catch (NetlinkException e) {
                complain(vip, "vip_bind_dev: cannot " + (want ? "add " : "remove ") + Addresses.text(vip.address())
                        + "/" + vip.prefixLength() + (want ? " to " : " from ") + vip.device() + ": "
                        + errno(e));
                done = false;
            }
        }
        return done;
    }

    /** The VIPs this process has put on interfaces (and not taken off). */
    public Set<BoundVip> bound() {
        return Set.copyOf(bound);
    }

    /**
     * A /32 or /128 that never expires; IPv6 without duplicate address detection, as keepalived
     * adds its VIPs, so it is usable (and announced) at once.
     */
    private static InterfaceAddress address(int ifindex, BoundVip vip) {
        boolean v4 = vip.address() instanceof Inet4Address;
        return new InterfaceAddress(ifindex, vip.address(), vip.prefixLength(), Scope.GLOBAL, "", null,
                v4 ? 0 : InterfaceAddress.FLAG_NODAD);
    }

    private static String errno(NetlinkException e) {
        return e.errnoValue() == null ? "errno " + e.errno()
                : e.errnoValue().name() + " (" + io.lvsj.sys.Errno.describe(e.errno()) + ")";
    }

    private void complain(BoundVip vip, String text) {
        if (!text.equals(complaints.put(vip, text))) {
            log.info(text);
        }
    }

    @Override
    public void close() {
        if (rtnl != null) {
            rtnl.close();
            rtnl = null;
        }
    }
}
