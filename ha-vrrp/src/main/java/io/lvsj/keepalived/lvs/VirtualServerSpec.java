package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.ServiceKey;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code virtual_server} as the checker process runs it: the IPVS services it becomes (one,
 * or one per address of a {@code virtual_server_group}), how they are set up, its real servers,
 * and what happens when their total live weight falls below the quorum.
 *
 * @param id         what a reload matches it by
 * @param name       how logs name it (keepalived's {@code [192.0.2.1]:tcp:80} form)
 * @param quorum     minimum total weight of live real servers (default 1)
 * @param hysteresis margin around the quorum before it is lost or regained
 * @param omega      run quorum_down/notify_down scripts at shutdown too
 * @param haSuspend  suspend its checkers while its virtual address is not on this host
 * @param drain      keepalived-j extension: a real server removed by a reload first goes to
 *                   weight 0 and is deleted once it has no connections (or after this long);
 *                   empty = removed at once, as keepalived does
 * @param vipBindDevice {@code vip_bind_dev}: the interface that holds the virtual server's
 *                   addresses while its quorum holds, for a routing daemon to announce
 */
public record VirtualServerSpec(VirtualServerId id, String name, List<ServiceKey> services, ServiceTemplate template,
                                List<RealServerSpec> realServers, Optional<SorryServerSpec> sorryServer, long quorum,
                                long hysteresis, Optional<NotifyCommand> quorumUp, Optional<NotifyCommand> quorumDown,
                                boolean omega, boolean haSuspend, Optional<Duration> drain,
                                Optional<String> vipBindDevice) {

    public VirtualServerSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        services = List.copyOf(services);
        Objects.requireNonNull(template, "template");
        realServers = List.copyOf(realServers);
        Objects.requireNonNull(sorryServer, "sorryServer");
        Objects.requireNonNull(quorumUp, "quorumUp");
        Objects.requireNonNull(quorumDown, "quorumDown");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(vipBindDevice, "vipBindDevice");
        if (services.isEmpty()) {
            throw new IllegalArgumentException("virtual server " + name + " has no service");
        }
        if (new LinkedHashSet<>(services).size() != services.size()) {
            throw new IllegalArgumentException("virtual server " + name + " lists a service twice");
        }
        var keys = new LinkedHashSet<RealServerKey>();
        for (RealServerSpec rs : realServers) {
            if (!keys.add(rs.key())) {
                throw new IllegalArgumentException("virtual server " + name + " lists real server " + rs.key() + " twice");
            }
        }
    }

    /** A single service with the given real servers and keepalived's defaults (quorum 1, no sorry server). */
    public static VirtualServerSpec of(ServiceKey key, ServiceTemplate template, List<RealServerSpec> realServers) {
        return new VirtualServerSpec(VirtualServerId.of(key), VirtualServerId.of(key).toString(), List.of(key), template,
                realServers, Optional.empty(), 1, 0, Optional.empty(), Optional.empty(), false, false,
                Optional.empty(), Optional.empty());
    }

    public VirtualServerSpec withRealServers(List<RealServerSpec> newRealServers) {
        return new VirtualServerSpec(id, name, services, template, newRealServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, omega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withSorryServer(Optional<SorryServerSpec> sorry) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorry, quorum, hysteresis, quorumUp,
                quorumDown, omega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withQuorum(long newQuorum, long newHysteresis) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, newQuorum, newHysteresis,
                quorumUp, quorumDown, omega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withQuorumScripts(Optional<NotifyCommand> up, Optional<NotifyCommand> down) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, quorum, hysteresis, up,
                down, omega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withTemplate(ServiceTemplate newTemplate) {
        return new VirtualServerSpec(id, name, services, newTemplate, realServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, omega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withDrain(Optional<Duration> newDrain) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, omega, haSuspend, newDrain, vipBindDevice);
    }

    public VirtualServerSpec withOmega(boolean newOmega) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, newOmega, haSuspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withHaSuspend(boolean suspend) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, omega, suspend, drain, vipBindDevice);
    }

    public VirtualServerSpec withVipBindDevice(Optional<String> device) {
        return new VirtualServerSpec(id, name, services, template, realServers, sorryServer, quorum, hysteresis,
                quorumUp, quorumDown, omega, haSuspend, drain, device);
    }

    @Override
    public String toString() {
        return "VS " + name;
    }

    public Optional<RealServerSpec> realServer(RealServerKey key) {
        return realServers.stream().filter(rs -> rs.key().equals(key)).findFirst();
    }
}
