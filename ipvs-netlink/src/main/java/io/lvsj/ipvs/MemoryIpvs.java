package io.lvsj.ipvs;

import io.lvsj.netlink.NetlinkException;
import io.lvsj.sys.Errno;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An IPVS in memory, answering like the kernel: EEXIST, ESRCH and ENOENT where it would, an
 * unknown scheduler or persistence engine refused, destinations newest first. For what runs
 * where the kernel has no IPVS: ipvsadm-j's AOT training run at build time, benchmarks of the
 * checkers alone, host tests of the layers above (which may extend it to record or refuse
 * commands). Every behaviour it imitates is proven against the real kernel in the lab.
 * Thread-safe: the checkers call it from many threads.
 */
public class MemoryIpvs implements Ipvs {
    private static final Set<String> SCHEDULERS =
            Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "none");

    private final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    private final Map<ServiceKey, List<Destination>> destinations = new LinkedHashMap<>();
    private final List<SyncDaemon> daemons = new ArrayList<>();
    private Timeouts timeouts = new Timeouts(900, 120, 300);

    @Override
    public synchronized IpvsInfo info() {
        return new IpvsInfo(0x010201, 4096);
    }

    @Override
    public synchronized List<ServiceEntry> services() {
        List<ServiceEntry> out = new ArrayList<>();
        for (Service s : services.values()) {
            out.add(new ServiceEntry(s, Stats.ZERO));
        }
        return out;
    }

    @Override
    public synchronized Optional<ServiceEntry> service(ServiceKey key) {
        Service s = services.get(key);
        return s == null ? Optional.empty() : Optional.of(new ServiceEntry(s, Stats.ZERO));
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey key) {
        List<DestinationEntry> out = new ArrayList<>();
        for (Destination d : destinations.getOrDefault(key, List.of())) {
            out.add(new DestinationEntry(d, 0, 0, 0, Stats.ZERO));
        }
        return out;
    }

    @Override
    public synchronized Timeouts timeouts() {
        return timeouts;
    }

    @Override
    public synchronized List<SyncDaemon> daemons() {
        return List.copyOf(daemons);
    }

    @Override
    public synchronized void execute(IpvsCommand command) {
        switch (command) {
            case IpvsCommand.AddService(Service s) -> {
                check(!services.containsKey(s.key()), command, Errno.EEXIST);
                check(SCHEDULERS.contains(s.scheduler()), command, Errno.ENOENT);
                check(s.persistenceEngine().isEmpty() || s.persistenceEngine().equals("sip"), command, Errno.ENOENT);
                services.put(s.key(), s);
                destinations.put(s.key(), new ArrayList<>());
            }
            case IpvsCommand.EditService(Service s) -> {
                check(services.containsKey(s.key()), command, Errno.ESRCH);
                check(SCHEDULERS.contains(s.scheduler()), command, Errno.ENOENT);
                services.put(s.key(), s);
            }
            case IpvsCommand.DeleteService(ServiceKey key) -> {
                check(services.remove(key) != null, command, Errno.ESRCH);
                destinations.remove(key);
            }
            case IpvsCommand.AddDestination(ServiceKey key, Destination d) -> {
                check(services.containsKey(key), command, Errno.ESRCH);
                check(find(key, d.address(), d.port()) < 0, command, Errno.EEXIST);
                destinations.get(key).addFirst(d);
            }
            case IpvsCommand.EditDestination(ServiceKey key, Destination d) -> {
                check(services.containsKey(key), command, Errno.ESRCH);
                int at = find(key, d.address(), d.port());
                check(at >= 0, command, Errno.ENOENT);
                destinations.get(key).set(at, d);
            }
            case IpvsCommand.DeleteDestination(ServiceKey key, java.net.InetAddress address, int port) -> {
                check(services.containsKey(key), command, Errno.ESRCH);
                int at = find(key, address, port);
                check(at >= 0, command, Errno.ENOENT);
                destinations.get(key).remove(at);
            }
            case IpvsCommand.Zero(ServiceKey key) -> check(key == null || services.containsKey(key), command, Errno.ESRCH);
            case IpvsCommand.Flush() -> {
                services.clear();
                destinations.clear();
            }
            case IpvsCommand.SetTimeouts(Timeouts t) -> timeouts = new Timeouts(
                    t.tcp() != 0 ? t.tcp() : timeouts.tcp(), t.tcpFin() != 0 ? t.tcpFin() : timeouts.tcpFin(),
                    t.udp() != 0 ? t.udp() : timeouts.udp());
            case IpvsCommand.StartDaemon(SyncDaemon d) -> {
                check(daemons.stream().noneMatch(x -> x.state() == d.state()), command, Errno.EEXIST);
                daemons.add(d);
                daemons.sort((a, b) -> a.state().compareTo(b.state()));
            }
            case IpvsCommand.StopDaemon(DaemonState state, int syncId) ->
                    check(daemons.removeIf(x -> x.state() == state), command, Errno.ESRCH);
        }
    }

    @Override
    public synchronized List<CommandFailure> executeAll(List<? extends IpvsCommand> commands) {
        List<CommandFailure> failures = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            try {
                execute(commands.get(i));
            } catch (NetlinkException e) {
                failures.add(new CommandFailure(i, commands.get(i), e.errno(), null));
            }
        }
        return failures;
    }

    /** What it holds now, as a table. */
    public synchronized IpvsTable snapshot() {
        return IpvsTable.of(table());
    }

    /** Replaces what it holds with {@code table}: a starting state for a test. */
    public synchronized void replace(IpvsTable table) {
        services.clear();
        destinations.clear();
        table.services().forEach((key, entry) -> {
            services.put(key, entry.service());
            destinations.put(key, new ArrayList<>(entry.destinations().values()));
        });
    }

    private int find(ServiceKey key, java.net.InetAddress address, int port) {
        List<Destination> list = destinations.get(key);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).address().equals(address) && list.get(i).port() == port) {
                return i;
            }
        }
        return -1;
    }

    private static void check(boolean ok, IpvsCommand command, Errno errno) {
        if (!ok) {
            throw new NetlinkException(command.describe(), errno.number(), null);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
