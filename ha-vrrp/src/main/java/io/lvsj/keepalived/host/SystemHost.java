package io.lvsj.keepalived.host;

import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.config.host.NetInterface;
import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The real machine (or one of its network namespaces): interfaces by rtnetlink, accounts from /etc. */
public final class SystemHost implements Host {
    private static final Path IPROUTE2 = Path.of("/etc/iproute2");
    private final NetNamespace namespace;
    private Map<String, NetInterface> links;
    private Accounts accounts;

    /** @param namespace the network namespace whose interfaces count, or null for our own */
    public SystemHost(NetNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public Optional<NetInterface> networkInterface(String name) {
        if (links == null) {
            links = LinkTable.read(namespace);
        }
        return Optional.ofNullable(links.get(name));
    }

    private Accounts accounts() {
        if (accounts == null) {
            accounts = new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group"));
        }
        return accounts;
    }

    @Override
    public Optional<Account> user(String name) {
        return accounts().user(name);
    }

    @Override
    public OptionalInt group(String name) {
        return accounts().group(name);
    }

    @Override
    public String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public List<String> iprouteFile(String name) {
        try {
            return Files.readAllLines(IPROUTE2.resolve(name));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public FileKind fileKind(Path path) {
        if (!Files.exists(path)) {
            return FileKind.MISSING;
        }
        return Files.isRegularFile(path) ? FileKind.REGULAR : FileKind.OTHER;
    }

    @Override
    public String executablePath() {
        String path = System.getenv("PATH");
        return path == null ? "/usr/local/bin:/bin:/usr/bin" : path;
    }

    @Override
    public boolean resolves(String hostName) {
        try {
            return java.net.InetAddress.getAllByName(hostName).length > 0;
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** {@code Groups:} of {@code /proc/self/status}. */
    @Override
    public java.util.Set<Integer> supplementaryGroups() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Groups:")) {
                    java.util.Set<Integer> groups = new java.util.HashSet<>();
                    for (String gid : line.substring(7).trim().split("\\s+")) {
                        if (!gid.isEmpty()) {
                            groups.add(Integer.parseInt(gid));
                        }
                    }
                    return groups;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc: none known
        }
        return java.util.Set.of();
    }

    @Override
    public boolean hasIgmpLinkLocalReports() {
        return Files.isWritable(Path.of("/proc/sys/net/ipv4/igmp_link_local_mcast_reports"));
    }
}
