package io.lvsj.keepalived.config.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The facts about the machine a configuration check depends on, as keepalived reads them:
 * network interfaces, users and groups, the host name, iproute2's name files, what a path
 * names. Every look at the machine goes through here, so the parser itself does no I/O beyond
 * reading its configuration files. Tests pass a fixed set; keepalived-j passes its
 * {@code SystemHost}.
 */
public interface Host {

    Optional<NetInterface> networkInterface(String name);

    /** A user's uid and primary gid. */
    Optional<Account> user(String name);

    OptionalInt group(String name);

    /** The host name, as {@code uname} gives it. */
    String hostname();

    int cpuCount();

    /**
     * The lines of {@code /etc/iproute2/NAME} ({@code rt_tables}, {@code rt_protos}, {@code rt_scopes},
     * {@code rt_realms}, {@code group}, {@code rt_dsfield}): the names iproute2 gives numbers; none when
     * the file is missing or unreadable.
     */
    List<String> iprouteFile(String name);

    /** What is at {@code path} on the machine (a track file is checked before it is written). */
    FileKind fileKind(Path path);

    /** What a path names, as far as a configuration check cares. */
    enum FileKind { MISSING, REGULAR, OTHER }

    /** The directories of {@code PATH}, searched for scripts named without a directory. */
    String executablePath();

    /** Whether the kernel has {@code igmp_link_local_mcast_reports} (for {@code disable_local_igmp}). */
    boolean hasIgmpLinkLocalReports();

    /** Whether a host name resolves ({@code getaddrinfo}), as keepalived checks {@code smtp_server}. */
    boolean resolves(String hostName);

    /** The supplementary groups of the process (keepalived keeps its own while it checks a script's path). */
    default java.util.Set<Integer> supplementaryGroups() {
        return java.util.Set.of();
    }

    /** The uid and gid keepalived runs as (root). */
    default Account self() {
        return new Account(0, 0);
    }

    record Account(int uid, int gid) {
    }
}
