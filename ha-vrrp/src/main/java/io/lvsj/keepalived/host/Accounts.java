package io.lvsj.keepalived.host;

import io.lvsj.keepalived.config.host.Host;
import io.lvsj.keepalived.config.host.NetInterface;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Users and groups from {@code /etc/passwd} and {@code /etc/group}, read once. */
final class Accounts {
    private final Map<String, Host.Account> users = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();

    Accounts(Path passwd, Path group) {
        for (String line : lines(passwd)) {
            String[] f = line.split(":", -1);
            if (f.length >= 4) {
                try {
                    users.putIfAbsent(f[0], new Host.Account(Integer.parseInt(f[2]), Integer.parseInt(f[3])));
                } catch (NumberFormatException ignored) {
                    // a malformed line names nobody
                }
            }
        }
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3) {
                try {
                    groups.putIfAbsent(f[0], Integer.parseInt(f[2]));
                } catch (NumberFormatException ignored) {
                    // a malformed line names nobody
                }
            }
        }
    }

    Optional<Host.Account> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    OptionalInt group(String name) {
        Integer gid = groups.get(name);
        return gid == null ? OptionalInt.empty() : OptionalInt.of(gid);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
