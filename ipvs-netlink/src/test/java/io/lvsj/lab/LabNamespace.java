package io.lvsj.lab;

import io.lvsj.sys.NetNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test owns (IPVS state is per namespace), with helpers to run
 * commands inside it, the oracle {@code ipvsadm} among them.
 */
public final class LabNamespace implements AutoCloseable {
    private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();
    private final String name;

    LabNamespace(String name) {
        this.name = name;
    }

    /**
     * Creates a namespace named {@code prefix} plus a unique suffix, with loopback up. Host
     * tests that need namespaces (rtnetlink, VRRP) use this directly; close it when done.
     */
    public static LabNamespace create(String prefix) {
        String name = prefix + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Commands.run(List.of("ip", "netns", "add", name), "").requireSuccess();
        LabNamespace ns = new LabNamespace(name);
        ns.run("ip", "link", "set", "lo", "up").requireSuccess();
        return ns;
    }

    /** Deletes the namespace (and with it every interface and IPVS entry in it). */
    @Override
    public void close() {
        Commands.run(List.of("ip", "netns", "delete", name), "").requireSuccess();
    }

    public String name() {
        return name;
    }

    public NetNamespace netns() {
        return NetNamespace.named(name);
    }

    /** What a command printed and how it ended. */
    public record Result(int status, String stdout, String stderr) {
        public Result requireSuccess() {
            if (status != 0) {
                throw new AssertionError("command failed with status " + status + ": " + stderr + stdout);
            }
            return this;
        }
    }

    /** Runs {@code command} inside this namespace, feeding it {@code stdin}. */
    public Result runWithInput(String stdin, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return Commands.run(argv, stdin);
    }

    public Result run(String... command) {
        return runWithInput("", command);
    }

    /** A process left running inside the namespace (a server); closing it kills it. */
    public record Background(Process process) implements AutoCloseable {
        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for it to end by itself (bounded) and returns what it printed and its status. */
        public Result finish(long seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    close();
                    throw new AssertionError("process did not end in " + seconds + " s");
                }
                return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Starts {@code command} inside this namespace and returns at once. */
    public Background start(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        try {
            return new Background(new ProcessBuilder(argv).start());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + argv + ": " + e.getMessage(), e);
        }
    }

    /** Debian's ipvsadm, the oracle, inside this namespace. */
    public Result ipvsadm(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        return run(argv);
    }

    /** Debian's ipvsadm reading {@code stdin} (for {@code -R}). */
    public Result ipvsadmWithInput(String stdin, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        return runWithInput(stdin, argv);
    }

    /** {@code ipvsadm -Sn}: the table as the oracle sees it. */
    public String savedTable() {
        return ipvsadm("-Sn").requireSuccess().stdout();
    }

    static final class Commands {
        private Commands() {
        }

        static Result run(List<String> argv, String stdin) {
            try {
                Process p = new ProcessBuilder(argv).start();
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                var out = p.getInputStream().readAllBytes();
                var err = p.getErrorStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("command did not finish in 120 s: " + argv);
                }
                return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                        new String(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError("cannot run " + argv + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted running " + argv, e);
            }
        }
    }
}
