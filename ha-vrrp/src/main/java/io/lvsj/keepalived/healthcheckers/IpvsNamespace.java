package io.lvsj.keepalived.healthcheckers;

import io.lvsj.keepalived.lvs.LvsSettings;
import io.lvsj.rtnl.RtnlClient;
import io.lvsj.sys.NetNamespace;
import org.slf4j.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The network namespace whose IPVS the checker process programs ({@code net_namespace_ipvs},
 * else its own), for what it changes there besides IPVS: the addresses {@code vip_bind_dev}
 * binds, and the {@code net.ipv4.vs.*} settings, which the kernel keeps per namespace.
 */
public final class IpvsNamespace {
    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/vs");
    private static final IpvsNamespace OWN = new IpvsNamespace(null);

    private final NetNamespace namespace;

    private IpvsNamespace(NetNamespace namespace) {
        this.namespace = namespace;
    }

    /** The process's own namespace. */
    public static IpvsNamespace own() {
        return OWN;
    }

    /** {@code namespace}, or the process's own when null. */
    public static IpvsNamespace of(NetNamespace namespace) {
        return namespace == null ? OWN : new IpvsNamespace(namespace);
    }

    /** An rtnetlink client for this namespace's interfaces and addresses. */
    public RtnlClient openRtnl() {
        return RtnlClient.open(namespace);
    }

    /** {@code net.ipv4.vs.NAME} now. */
    public long sysctl(String name) throws IOException {
        return inside(() -> {
            // one read: these files answer a read at a non-zero offset with end-of-file
            try (InputStream in = Files.newInputStream(SYSCTL.resolve(name))) {
                byte[] buffer = new byte[64];
                int n = Math.max(0, in.read(buffer));
                return Long.parseLong(new String(buffer, 0, n, StandardCharsets.US_ASCII).strip());
            }
        });
    }

    /** Sets {@code net.ipv4.vs.NAME}. */
    public void setSysctl(String name, long value) throws IOException {
        inside(() -> Files.writeString(SYSCTL.resolve(name), value + "\n"));
    }

    /**
     * {@code lvs_sloppy_tcp}/{@code lvs_sloppy_sctp}: sets {@code net.ipv4.vs.sloppy_tcp} and
     * {@code sloppy_sctp} where they differ from the settings (and leaves them where the settings
     * say nothing); logs what it changed, or why it could not.
     */
    public void setSloppyModes(LvsSettings lvs, Logger log) {
        lvs.sloppyTcp().ifPresent(on -> set("sloppy_tcp", on ? 1 : 0, log));
        lvs.sloppySctp().ifPresent(on -> set("sloppy_sctp", on ? 1 : 0, log));
    }

    private void set(String name, long value, Logger log) {
        try {
            if (sysctl(name) != value) {
                setSysctl(name, value);
                log.info("Setting net.ipv4.vs." + name + " to " + value);
            }
        } catch (IOException | RuntimeException e) {
            log.info("Cannot set net.ipv4.vs." + name + " to " + value + ": " + e.getMessage());
        }
    }

    /** /proc/sys/net shows the namespace of the thread that opens the file, so it is opened in there. */
    private <T> T inside(Callable<T> action) throws IOException {
        try {
            return namespace == null ? action.call() : namespace.call(action);
        } catch (IOException | UncheckedIOException e) {
            throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @Override
    public String toString() {
        return namespace == null ? "this network namespace" : namespace.toString();
    }
}
