package io.lvsj.sys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Kernel parameters under {@code /proc/sys} of one network namespace. The files of
 * {@code /proc/sys/net} belong to the namespace of the thread that opens them, so for another
 * namespace each read and write happens on a thread inside it ({@link NetNamespace#call}).
 * Names are written as {@code sysctl} prints them: {@code net.ipv4.conf.eth0.arp_ignore}
 * (an interface name with a dot is given with a slash there, as {@code sysctl} wants).
 */
public final class Sysctl {
    private static final Path ROOT = Path.of("/proc/sys");
    private final NetNamespace namespace;

    /** @param namespace the namespace, or {@code null} for this process's own */
    public Sysctl(NetNamespace namespace) {
        this.namespace = namespace;
    }

    /** The value, stripped of its newline. */
    public String read(String name) {
        return inNamespace(() -> Files.readString(path(name)).strip(), name, "read");
    }

    /** Whether the parameter exists (an interface that is gone, a module not loaded). */
    public boolean exists(String name) {
        return inNamespace(() -> Files.exists(path(name)), name, "look up");
    }

    public void write(String name, String value) {
        inNamespace(() -> {
            Files.writeString(path(name), value + "\n");
            return null;
        }, name, "set");
    }

    /** The file of {@code name}: dots separate levels, a slash stands for a dot inside one. */
    static Path path(String name) {
        StringBuilder p = new StringBuilder();
        for (char c : name.toCharArray()) {
            p.append(c == '.' ? '/' : c == '/' ? '.' : c);
        }
        return ROOT.resolve(p.toString());
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T inNamespace(Io<T> io, String name, String verb) {
        try {
            return namespace == null ? io.run() : namespace.call(io::run);
        } catch (NoSuchFileException e) {
            throw new SysctlException("cannot " + verb + " sysctl " + name + ": no such parameter", e);
        } catch (IOException e) {
            throw new SysctlException("cannot " + verb + " sysctl " + name + ": " + e.getMessage(), e);
        } catch (SysctlException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof NoSuchFileException n) {
                throw new SysctlException("cannot " + verb + " sysctl " + name + ": no such parameter", n);
            }
            if (e.getCause() instanceof IOException io2) {
                throw new SysctlException("cannot " + verb + " sysctl " + name + ": " + io2.getMessage(), io2);
            }
            throw e;
        }
    }

    /** A parameter that cannot be read or set; the message names it. */
    public static final class SysctlException extends RuntimeException {
        SysctlException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
