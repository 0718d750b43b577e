package io.lvsj.keepalived.healthcheckers;

import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.RtnlClient;
import org.slf4j.Logger;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tells {@code ha_suspend} which addresses are on this host: it reads the addresses through
 * rtnetlink once a second and reports when the set changes (keepalived listens to netlink
 * address events instead; a VIP that VRRP adds is seen within a second here). Runs only while
 * some virtual server uses {@code ha_suspend}.
 */
public final class LocalAddressWatch implements AutoCloseable {
    private final RtnlClient rtnl;
    private final Consumer<Set<InetAddress>> listener;
    private final Logger log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("lvsj-ha-suspend").unstarted(r));
    private Set<InetAddress> last;

    public LocalAddressWatch(RtnlClient rtnl, Consumer<Set<InetAddress>> listener, Logger log) {
        this.rtnl = rtnl;
        this.listener = listener;
        this.log = log;
        timer.scheduleWithFixedDelay(this::poll, 0, 1, TimeUnit.SECONDS);
    }

    private void poll() {
        try {
            Set<InetAddress> now = new HashSet<>();
            for (InterfaceAddress a : rtnl.addresses()) {
                now.add(a.address());
            }
            if (!now.equals(last)) {
                last = Set.copyOf(now);
                listener.accept(last);
            }
        } catch (RuntimeException e) {
            log.info("Cannot read the host's addresses for ha_suspend: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
