package io.lvsj.keepalived.lvs;

import io.lvsj.ipvs.DestinationEntry;
import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.IpvsTable;
import io.lvsj.ipvs.MemoryIpvs;
import io.lvsj.ipvs.ServiceKey;
import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * ipvs-netlink's in-memory IPVS, as the reconciler's host tests want it: every command it
 * carried out is recorded, a test can make it refuse commands (EINVAL) and set the active
 * connections it reports per destination. The kernel lab tests prove the same against the real
 * thing.
 */
final class FakeIpvs extends MemoryIpvs {
    final List<IpvsCommand> log = new ArrayList<>();
    final Map<IpvsTable.DestinationKey, Long> connections = new HashMap<>();
    Predicate<IpvsCommand> refuse = c -> false;

    @Override
    public synchronized void execute(IpvsCommand command) {
        if (refuse.test(command)) {
            throw new NetlinkException(command.describe(), Errno.EINVAL.number(), null);
        }
        super.execute(command);
        log.add(command);
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey key) {
        return super.destinations(key).stream()
                .map(d -> new DestinationEntry(d.destination(),
                        connections.getOrDefault(IpvsTable.DestinationKey.of(d.destination()), 0L),
                        d.inactiveConnections(), d.persistentConnections(), d.stats()))
                .toList();
    }
}
