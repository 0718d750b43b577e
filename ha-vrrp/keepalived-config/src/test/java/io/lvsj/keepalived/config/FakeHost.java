package io.lvsj.keepalived.config;

import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.config.host.NetInterface;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The machine the fixtures are written for, fixed so host tests never depend on the machine
 * they run on: the interfaces {@link TestNetwork} creates for the differential test against
 * keepalived, users root and nobody, and no {@code keepalived_script} user.
 */
public final class FakeHost implements Host {
    public static final FakeHost INSTANCE = new FakeHost();

    private static final Map<String, NetInterface> INTERFACES = Map.of(
            "lo", new NetInterface("lo", 1, true, false, false, 65536, ""),
            "eth0", veth("eth0", 2, 1500),
            "eth1", veth("eth1", 3, 1500),
            "eth2", veth("eth2", 4, 1500),
            "small0", veth("small0", 5, 576),
            "nomcast0", new NetInterface("nomcast0", 6, false, false, true, 1500, "ifb"));

    private static NetInterface veth(String name, int index, int mtu) {
        return new NetInterface(name, index, false, true, true, mtu, "veth");
    }

    private FakeHost() {
    }

    @Override
    public Optional<NetInterface> networkInterface(String name) {
        return Optional.ofNullable(INTERFACES.get(name));
    }

    @Override
    public Optional<Account> user(String name) {
        return switch (name) {
            case "root" -> Optional.of(new Account(0, 0));
            case "nobody" -> Optional.of(new Account(65534, 65534));
            default -> Optional.empty();
        };
    }

    @Override
    public OptionalInt group(String name) {
        return switch (name) {
            case "root" -> OptionalInt.of(0);
            case "nogroup" -> OptionalInt.of(65534);
            default -> OptionalInt.empty();
        };
    }

    @Override
    public String hostname() {
        return "kac-host.example.test";
    }

    @Override
    public int cpuCount() {
        return 2;
    }

    /** No iproute2 files: only the names keepalived knows without them. */
    @Override
    public List<String> iprouteFile(String name) {
        return List.of();
    }

    /** The real file system: fixtures name real paths (a track file that is a directory). */
    @Override
    public FileKind fileKind(Path path) {
        if (!java.nio.file.Files.exists(path)) {
            return FileKind.MISSING;
        }
        return java.nio.file.Files.isRegularFile(path) ? FileKind.REGULAR : FileKind.OTHER;
    }

    @Override
    public String executablePath() {
        return "/usr/bin:/bin";
    }

    /** localhost and the names under example.net resolve; names under .invalid (RFC 6761) never do. */
    @Override
    public boolean resolves(String hostName) {
        return hostName.equals("localhost") || hostName.endsWith(".example.net");
    }

    @Override
    public boolean hasIgmpLinkLocalReports() {
        return true;
    }
}
