package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.LabNamespace;
import io.lvsj.sys.NetNamespace;
import io.lvsj.rtnl.RtnlEvent;
import io.lvsj.rtnl.RtnlMonitor;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;

/** When a director's VIP comes off (or onto) its interfaces, from the kernel's own notification. */
final class VipWatch implements AutoCloseable {
    private final LabNamespace director;
    private final InetAddress vip;
    private final RtnlMonitor monitor;

    VipWatch(LabNamespace director, String vip) {
        this.director = director;
        try {
            this.vip = InetAddress.getByName(vip);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
        this.monitor = RtnlMonitor.open(NetNamespace.named(director.name()),
                EnumSet.of(RtnlMonitor.Group.IPV4_ADDRESS));
    }

    /** The {@link System#nanoTime} at which the VIP was removed ({@code removed}) or added. */
    long await(boolean removed, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (RtnlEvent e : monitor.poll(100)) {
                if (removed && e instanceof RtnlEvent.AddressRemoved r && r.address().address().equals(vip)
                        || !removed && e instanceof RtnlEvent.AddressAdded a && a.address().address().equals(vip)) {
                    return System.nanoTime();
                }
            }
        }
        throw new AssertionError("the VIP " + vip.getHostAddress() + " was not "
                + (removed ? "removed from" : "added to")
                + " " + director.name() + " within " + limit + ": " + director.run("ip", "-o", "addr").stdout());
    }

    @Override
    public void close() {
        monitor.close();
    }
}
