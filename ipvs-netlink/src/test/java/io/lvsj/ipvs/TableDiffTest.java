package io.lvsj.ipvs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.lvsj.lab.Addresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableDiffTest {


    private static final ServiceKey WEB = ServiceKey.tcp(ip("192.0.2.10"), 80);
    private static final ServiceKey DNS = ServiceKey.udp(ip("192.0.2.11"), 53);
    private static final Destination RS1 = Destination.of(ip("10.0.0.1"), 80, ForwardingMethod.MASQ);
    private static final Destination RS2 = Destination.of(ip("10.0.0.2"), 80, ForwardingMethod.MASQ);

    @Test
    void fromNothingAddsEachServiceBeforeItsDestinations() {
        IpvsTable desired = IpvsTable.builder().add(Service.of(WEB, "rr"), RS1, RS2).add(Service.of(DNS, "wlc")).build();
        assertEquals(List.of(
                new IpvsCommand.AddService(Service.of(WEB, "rr")),
                new IpvsCommand.AddDestination(WEB, RS1),
                new IpvsCommand.AddDestination(WEB, RS2),
                new IpvsCommand.AddService(Service.of(DNS, "wlc"))), TableDiff.between(IpvsTable.EMPTY, desired));
    }

    @Test
    void touchesOnlyWhatChanged() {
        IpvsTable current = IpvsTable.builder().add(Service.of(WEB, "rr"), RS1, RS2).add(Service.of(DNS, "wlc")).build();
        IpvsTable desired = IpvsTable.builder()
                .add(Service.of(WEB, "rr"), RS1.withWeight(5), Destination.of(ip("10.0.0.3"), 80, ForwardingMethod.MASQ))
                .add(Service.of(DNS, "sh")).build();
        assertEquals(List.of(
                new IpvsCommand.DeleteDestination(WEB, ip("10.0.0.2"), 80),
                new IpvsCommand.EditDestination(WEB, RS1.withWeight(5)),
                new IpvsCommand.AddDestination(WEB, Destination.of(ip("10.0.0.3"), 80, ForwardingMethod.MASQ)),
                new IpvsCommand.EditService(Service.of(DNS, "sh"))), TableDiff.between(current, desired));
        assertEquals(List.of(), TableDiff.between(desired, desired));
    }

    @Test
    void removesOnlyServicesItOwns() {
        IpvsTable current = IpvsTable.builder().add(Service.of(WEB, "rr"), RS1).add(Service.of(DNS, "wlc")).build();
        assertEquals(List.of(new IpvsCommand.DeleteService(WEB)),
                TableDiff.between(current, IpvsTable.EMPTY, key -> key.equals(WEB)));
        assertEquals(2, TableDiff.between(current, IpvsTable.EMPTY).size());
    }

    @Test
    void refusesADestinationListedTwice() {
        assertThrows(IllegalArgumentException.class, () -> IpvsTable.builder().add(Service.of(WEB, "rr"), RS1, RS1.withWeight(2)));
    }

    /** Applying the diff to a model of the kernel reaches the desired table, whatever the two are. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void applyingTheDiffReachesTheDesiredTable(long seed) {
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            IpvsTable current = randomTable(r);
            IpvsTable desired = randomTable(r);
            IpvsTable reached = apply(current, TableDiff.between(current, desired));
            assertEquals(desired.services().keySet(), reached.services().keySet(), "seed " + seed);
            for (ServiceKey key : desired.services().keySet()) {
                assertEquals(desired.services().get(key).service(), reached.services().get(key).service());
                assertEquals(desired.services().get(key).destinations().values().stream().toList().size(),
                        reached.services().get(key).destinations().size());
                assertEquals(Map.copyOf(desired.services().get(key).destinations()),
                        Map.copyOf(reached.services().get(key).destinations()));
            }
            assertEquals(List.of(), TableDiff.between(reached, desired));
        }
    }

    private static IpvsTable randomTable(Random r) {
        IpvsTable.Builder b = IpvsTable.builder();
        int services = r.nextInt(6);
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            int port = 80 + r.nextInt(8);
            if (used.contains(port)) {
                continue;
            }
            used.add(port);
            ServiceKey key = ServiceKey.tcp(ip("192.0.2.10"), port);
            Map<String, Destination> dests = new LinkedHashMap<>();
            for (int d = r.nextInt(5); d > 0; d--) {
                Destination dest = Destination.of(ip("10.0.0." + (1 + r.nextInt(6))), 80,
                        r.nextBoolean() ? ForwardingMethod.MASQ : ForwardingMethod.DROUTE).withWeight(r.nextInt(3));
                dests.put(dest.address().getHostAddress(), dest);
            }
            b.add(Service.of(key, r.nextBoolean() ? "rr" : "wlc"), dests.values());
        }
        return b.build();
    }

    /** A minimal model of what the kernel does with each command. */
    private static IpvsTable apply(IpvsTable table, List<IpvsCommand> commands) {
        Map<ServiceKey, Service> services = new LinkedHashMap<>();
        Map<ServiceKey, Map<IpvsTable.DestinationKey, Destination>> dests = new LinkedHashMap<>();
        table.services().forEach((k, e) -> {
            services.put(k, e.service());
            dests.put(k, new LinkedHashMap<>(e.destinations()));
        });
        for (IpvsCommand c : commands) {
            switch (c) {
                case IpvsCommand.AddService(Service s) -> {
                    if (services.putIfAbsent(s.key(), s) != null) {
                        throw new AssertionError("EEXIST " + s.key());
                    }
                    dests.put(s.key(), new LinkedHashMap<>());
                }
                case IpvsCommand.EditService(Service s) -> services.replace(s.key(), s);
                case IpvsCommand.DeleteService(ServiceKey k) -> {
                    services.remove(k);
                    dests.remove(k);
                }
                case IpvsCommand.AddDestination(ServiceKey k, Destination d) -> {
                    if (dests.get(k).putIfAbsent(IpvsTable.DestinationKey.of(d), d) != null) {
                        throw new AssertionError("EEXIST " + d);
                    }
                }
                case IpvsCommand.EditDestination(ServiceKey k, Destination d) -> {
                    if (dests.get(k).replace(IpvsTable.DestinationKey.of(d), d) == null) {
                        throw new AssertionError("ENOENT " + d);
                    }
                }
                case IpvsCommand.DeleteDestination(ServiceKey k, InetAddress a, int port) ->
                        dests.get(k).remove(new IpvsTable.DestinationKey(a, port));
                default -> throw new AssertionError("unexpected " + c);
            }
        }
        IpvsTable.Builder b = IpvsTable.builder();
        services.forEach((k, s) -> b.add(s, dests.get(k).values()));
        return b.build();
    }
}
