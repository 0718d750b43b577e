package io.lvsj.keepalived.daemon;

import io.lvsj.ipvs.IpvsClient;
import io.lvsj.keepalived.bfd.BfdEvents;
import io.lvsj.keepalived.check.net.NetworkContext;
import io.lvsj.keepalived.config.KeepalivedConfig;
import io.lvsj.keepalived.healthcheckers.CheckerService;
import io.lvsj.keepalived.healthcheckers.IpvsNamespace;
import io.lvsj.keepalived.lvs.RealServerHealth;
import io.lvsj.keepalived.lvs.RealServerKey;
import io.lvsj.keepalived.lvs.VirtualServerHealth;
import io.lvsj.keepalived.lvs.VirtualServerId;
import io.lvsj.keepalived.metrics.KeepalivedStatus;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

/**
 * keepalived's checker child ({@code Keepalived_healthcheckers}): the {@link CheckerService}
 * with its own IPVS connection and sockets in the configured network namespace. A kernel
 * without IPVS stops the start-up, as it makes keepalived's checker process exit.
 */
final class CheckerSubsystem implements Subsystem {
    private final CheckerService service;
    private final IpvsClient ipvs;
    private final NetworkContext network;
    private final Logger log;
    private final KeepalivedStatus status;

    private CheckerSubsystem(CheckerService service, IpvsClient ipvs, NetworkContext network, Logger log,
                             KeepalivedStatus status, BfdEvents bfd) {
        this.service = service;
        service.healthcheckers().follow(bfd); // BFD_CHECK: keepalived's BFD-to-checker pipe
        this.ipvs = ipvs;
        this.network = network;
        this.log = log;
        this.status = status;
    }

    /**
     * @param namespace       where the checks run ({@code net_namespace}, {@code -s}), or null
     * @param ipvsNamespace   whose IPVS to program ({@code net_namespace_ipvs}, else {@code namespace})
     * @param dontReleaseIpvs {@code -I}: leave IPVS as it is at shutdown
     * @param bfd             the BFD sessions' reports, which BFD_CHECKs follow
     */
    static Starter starter(NetNamespace namespace, NetNamespace ipvsNamespace, Logger log, boolean dontReleaseIpvs,
                           KeepalivedStatus status, BfdEvents bfd) {
        return config -> {
            IpvsClient ipvs;
            try {
                ipvs = IpvsClient.open(ipvsNamespace);
            } catch (NetlinkException e) {
                throw new IllegalArgumentException("IPVS: Can't initialize ipvs: " + e.getMessage(), e);
            }
            NetworkContext network = namespace == null ? NetworkContext.host() : NetworkContext.in(namespace);
            CheckerService service = new CheckerService(ipvs, IpvsNamespace.of(ipvsNamespace), network, log,
                    io.lvsj.fullnat.FullNat.of(ipvsNamespace));
            try {
                service.start(config, dontReleaseIpvs);
            } catch (RuntimeException e) {
                service.close();
                network.close();
                ipvs.close();
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            status.checkers(service.healthcheckers());
            return new CheckerSubsystem(service, ipvs, network, log, status, bfd);
        };
    }

    @Override
    public void reload(KeepalivedConfig config) {
        log.info("Reloading");
        service.reload(config);
    }

    @Override
    public void stop() {
        status.checkers(null);
        try {
            service.stop();
        } finally {
            service.close();
            network.close();
            ipvs.close();
        }
    }

    /** keepalived's checker child writes {@code keepalived_check.data}; this is the health it runs on. */
    @Override
    public void dumpData(Path directory) {
        Dumps.write(directory.resolve("keepalived_check.data"), text(service.healthcheckers().health()), log);
    }

    static String text(Map<VirtualServerId, VirtualServerHealth> health) {
        StringBuilder s = new StringBuilder("------< Health checkers >------\n");
        health.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(VirtualServerId::value)))
                .forEach(vs -> {
                    s.append(" Virtual server ").append(vs.getKey()).append(", quorum ")
                            .append(vs.getValue().quorumUp() ? "up" : "down").append('\n');
                    vs.getValue().realServers().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey(Comparator.comparing(RealServerKey::toString)))
                            .forEach(rs -> {
                                RealServerHealth h = rs.getValue();
                                s.append("   Real server ").append(rs.getKey()).append(h.alive() ? ", alive" : ", down")
                                        .append(", weight ").append(h.ipvsWeight()).append('\n');
                            });
                });
        return s.toString();
    }
}
