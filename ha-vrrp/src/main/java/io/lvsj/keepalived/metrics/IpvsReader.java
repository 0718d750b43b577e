package io.lvsj.keepalived.metrics;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.ServiceListing;
import io.lvsj.ipvs.SyncDaemon;
import io.lvsj.metrics.model.Families;
import io.lvsj.metrics.model.IpvsMetrics;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.NetNamespace;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's IPVS table and sync daemons, read at scrape time over a netlink socket of the
 * metrics' own (in the IPVS namespace), so scrapes never queue behind the checkers' IPVS
 * changes. {@code lvsj_ipvs_up} says whether the read worked; a failure is logged once, until
 * a read works again.
 */
final class IpvsReader implements AutoCloseable {
    private final NetNamespace namespace;
    private final Logger log;
    private IpvsClient ipvs;
    private boolean failing;

    IpvsReader(NetNamespace namespace, Logger log) {
        this.namespace = namespace;
        this.log = log;
    }

    synchronized List<MetricSnapshot> families() {
        List<MetricSnapshot> out = new ArrayList<>();
        try {
            if (ipvs == null) {
                ipvs = IpvsClient.open(namespace);
            }
            List<ServiceListing> table = ipvs.table();
            List<SyncDaemon> daemons = ipvs.daemons();
            out.addAll(IpvsMetrics.table(table));
            out.add(IpvsMetrics.syncDaemons(daemons));
            failing = false;
        } catch (NetlinkException | IllegalArgumentException e) {
            if (!failing) {
                log.info("metrics: cannot read IPVS: " + e.getMessage());
            }
            failing = true;
            closeClient();
        }
        out.add(Families.gauge("lvsj_ipvs_up", "1 when the last scrape could read the kernel's IPVS table.",
                failing ? 0 : 1));
        return out;
    }

    private void closeClient() {
        if (ipvs != null) {
            ipvs.close();
            ipvs = null;
        }
    }

    @Override
    public synchronized void close() {
        closeClient();
    }
}
