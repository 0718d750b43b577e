package io.lvsj.keepalived.activeactive;

import io.lvsj.lab.BackgroundProcess;
import io.lvsj.lab.Command;
import io.lvsj.lab.LabNamespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's FRR in a namespace: zebra, bgpd and bfdd with their sockets in a directory of their
 * own ({@code --vty_socket}, {@code -z}), configured as {@code frr.conf} is at boot: the
 * daemons start empty and {@code vtysh} applies the integrated file.
 */
final class Frr implements AutoCloseable {
    static final Path DAEMONS = Path.of("/usr/lib/frr");
    private final List<BackgroundProcess> daemons = new ArrayList<>();
    private final Path directory;

    private Frr(Path directory) {
        this.directory = directory;
    }

    static Frr start(LabNamespace ns, String frrConf, Path directory) {
        if (!Files.isExecutable(DAEMONS.resolve("bgpd")) || !Files.isExecutable(Path.of("/usr/bin/vtysh"))) {
            throw new AssertionError("FRR is needed: apt-get install frr (scripts/install-prerequisites does)");
        }
        Frr frr = new Frr(directory);
        try {
            // the daemons drop to user frr: their directory must be theirs
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(directory, users.lookupPrincipalByName("frr"));
            Files.writeString(directory.resolve("frr.conf"), frrConf);
            Files.writeString(directory.resolve("vtysh.conf"), "");
            for (String name : List.of("zebra", "bgpd", "bfdd")) {
                frr.daemons.add(BackgroundProcess.start(List.of("ip", "netns", "exec", ns.name(),
                        DAEMONS.resolve(name).toString(), "--vty_socket", directory.toString(),
                        "-z", directory.resolve("zserv.api").toString(), "-P", "0",
                        "-i", directory.resolve(name + ".pid").toString(), "-f", "/dev/null",
                        "--log", "file:" + directory.resolve(name + ".log")), directory.resolve(name + ".out")));
                frr.await(directory.resolve(name + ".vty"));
            }
            String applied = frr.vtysh("-f", directory.resolve("frr.conf").toString());
            // vtysh marks what it refuses with '%' ("% Unknown command"); other lines are notes
            if (applied.lines().anyMatch(l -> l.startsWith("%") || l.startsWith("line "))) {
                throw new AssertionError("vtysh did not take " + directory.resolve("frr.conf") + ":\n" + applied);
            }
            return frr;
        } catch (IOException e) {
            frr.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            frr.close();
            throw e;
        }
    }

    private void await(Path socket) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline || daemons.stream().anyMatch(d -> !d.alive())) {
                throw new AssertionError("FRR did not start: no " + socket + "\n" + outputs());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Where the daemons' vty sockets are. */
    Path directory() {
        return directory;
    }

    /** {@code vtysh} on these daemons; what it printed. */
    String vtysh(String... args) {
        List<String> argv = new ArrayList<>(List.of("vtysh", "--vty_socket", directory.toString(),
                "--config_dir", directory.toString()));
        argv.addAll(List.of(args));
        return Command.run(argv).output();
    }

    /** SIGSTOP to bgpd and bfdd: a hung director, whose kernel still holds the sessions open. */
    void freeze() {
        daemons.subList(1, 3).forEach(d -> d.signal("STOP"));
    }

    String outputs() {
        StringBuilder s = new StringBuilder();
        for (BackgroundProcess d : daemons) {
            s.append("--- pid ").append(d.pid()).append('\n').append(d.log());
        }
        return s.toString();
    }

    @Override
    public void close() {
        for (BackgroundProcess d : daemons) {
            try {
                d.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
