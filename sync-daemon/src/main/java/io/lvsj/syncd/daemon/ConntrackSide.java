package io.lvsj.syncd.daemon;

import io.lvsj.ctnl.Conntrack;
import io.lvsj.ctnl.ConntrackClient;
import io.lvsj.ctnl.ConntrackEvent;
import io.lvsj.ctnl.ConntrackMonitor;
import io.lvsj.ctnl.NewConntrack;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.RtnlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This director's conntrack table as the {@link ConntrackRelay} uses it: a thread that hands
 * it the kernel's events, a socket it injects through (whose port id marks its own changes), a
 * pass over the table every {@link ConntrackRelay#REFRESH_MILLIS}, and the director's
 * addresses, read every tick, which say whose entries are whose (the LIPs follow VRRP).
 */
public final class ConntrackSide implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConntrackSide.class);
    private static final Path EVENTS_SYSCTL = Path.of("/proc/sys/net/netfilter/nf_conntrack_events");
    private static final Path IPVS_CONNTRACK_SYSCTL = Path.of("/proc/sys/net/ipv4/vs/conntrack");
    private final ConntrackRelay relay;
    private final ConntrackClient injector;
    private final ConntrackClient reader;
    private final ConntrackMonitor monitor;
    private final RtnlClient rtnl;
    private final Thread events;
    private volatile boolean running = true;
    private long lastRefresh;

    private ConntrackSide(ConntrackRelay relay, ConntrackClient injector, ConntrackClient reader,
                          ConntrackMonitor monitor, RtnlClient rtnl) {
        this.relay = relay;
        this.injector = injector;
        this.reader = reader;
        this.monitor = monitor;
        this.rtnl = rtnl;
        this.events = Thread.ofPlatform().name("conntrack-events").unstarted(this::listen);
    }

    /** Opens the sockets; throws {@link StartupException} with one sentence for people. */
    public static ConntrackSide open(ConntrackRelay relay) throws StartupException {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ConntrackClient injector = keep(opened, ConntrackClient.open(null));
            ConntrackClient reader = keep(opened, ConntrackClient.open(null));
            ConntrackMonitor monitor = keep(opened, ConntrackMonitor.open(null, EnumSet.allOf(ConntrackEvent.Kind.class)));
            RtnlClient rtnl = keep(opened, RtnlClient.open());
            ConntrackSide side = new ConntrackSide(relay, injector, reader, monitor, rtnl);
            side.checkSysctls();
            relay.kernel(new ConntrackRelay.Kernel() {
                @Override
                public ConntrackClient.Put put(List<NewConntrack> entries, boolean update) {
                    return injector.put(entries, update);
                }

                @Override
                public List<ConntrackClient.Failure> delete(List<ConntrackClient.Key> keys) {
                    return injector.delete(keys);
                }
            });
            side.addresses();
            return side;
        } catch (NetlinkException e) {
            opened.reversed().forEach(ConntrackSide::closeQuietly);
            throw new StartupException("cannot use the kernel's conntrack table (ctnetlink, nf_conntrack_netlink): "
                    + e.getMessage());
        }
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T c) {
        opened.add(c);
        return c;
    }

    /** Events must be on to be heard; IPVS must hand its packets to conntrack for FullNAT to exist. */
    private void checkSysctls() {
        try {
            if (Files.exists(EVENTS_SYSCTL) && Files.readString(EVENTS_SYSCTL).strip().equals("0")) {
                Files.writeString(EVENTS_SYSCTL, "1");
                LOG.info("Turned conntrack events on (net.netfilter.nf_conntrack_events=1): the relay listens to them");
            }
            if (Files.exists(IPVS_CONNTRACK_SYSCTL) && Files.readString(IPVS_CONNTRACK_SYSCTL).strip().equals("0")) {
                LOG.warn("net.ipv4.vs.conntrack is 0: IPVS keeps its connections out of conntrack, so there is no"
                        + " FullNAT entry to relay until something (keepalived-j, ipvsadm-j) sets it to 1");
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the conntrack sysctls: {}", e.getMessage());
        }
    }

    /** Starts listening, after the table from the cluster went in; sends every entry this director speaks for. */
    public void start(long nowMillis) {
        events.start();
        lastRefresh = nowMillis;
        int n = refresh(true);
        if (n > 0) {
            LOG.info("Sent {} conntrack entries of this director's FullNAT connections to the cluster", n);
        }
    }

    /**
     * Hands the kernel's events to the relay. When the kernel dropped some (its socket buffer
     * filled), the table is read whole, but only once the queue has drained: netlink reports
     * an overrun once and then drops silently until its reader empties the queue, so a pass
     * made earlier could miss entries whose events were dropped after it.
     */
    private void listen() {
        boolean resync = false;
        while (running) {
            try {
                List<ConntrackEvent> batch = monitor.poll(resync ? 0 : 500, 1024);
                if (!batch.isEmpty() && relay.fromKernel(batch, injector.portId()) && !resync) {
                    LOG.warn("The kernel dropped conntrack events (the socket's buffer was full): reading its table"
                            + " whole once the burst is read");
                    resync = true;
                }
                if (resync && batch.isEmpty()) {
                    resync = false;
                    int n = refresh(true);
                    LOG.info("Read the conntrack table after lost events: sent {} entries", n);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("conntrack events: {}", e.toString());
                }
            }
        }
    }

    /** Every housekeeping tick: the addresses again, and the pass over the table when it is due. */
    void tick(long nowMillis) {
        addresses();
        if (nowMillis - lastRefresh >= ConntrackRelay.REFRESH_MILLIS) {
            lastRefresh = nowMillis;
            refresh(false);
        }
    }

    private int refresh(boolean all) {
        List<Conntrack> table = new ArrayList<>();
        reader.dump(e -> {
            if (e instanceof ConntrackEvent.Change c) {
                table.add(c.entry());
            }
        });
        return relay.refresh(table, all);
    }

    private void addresses() {
        Set<InetAddress> now = rtnl.addresses().stream().map(InterfaceAddress::address).collect(Collectors.toSet());
        relay.localAddresses(now);
    }

    @Override
    public void close() {
        running = false;
        try {
            events.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.kernel(null);
        for (AutoCloseable c : new AutoCloseable[]{monitor, injector, reader, rtnl}) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing {}: {}", c, e.toString());
        }
    }
}
