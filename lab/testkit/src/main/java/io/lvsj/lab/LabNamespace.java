package io.lvsj.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace a test owns (IPVS state is per namespace), with helpers to run
 * commands inside it, the oracle {@code ipvsadm} among them.
 */
public final class LabNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
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
        Command.run("ip", "netns", "add", name).requireSuccess();
        LabNamespace ns = new LabNamespace(name);
        ns.run("ip", "link", "set", "lo", "up").requireSuccess();
        return ns;
    }

    /** Deletes the namespace (and with it every interface and IPVS entry in it). */
    @Override
    public void close() {
        Command.run("ip", "netns", "delete", name).requireSuccess();
    }

    public String name() {
        return name;
    }

    /** Runs {@code command} inside this namespace, feeding it {@code stdin}. */
    public Command.Result runWithInput(String stdin, String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return Command.run(argv, stdin, Command.DEFAULT_TIMEOUT);
    }

    public Command.Result run(String... command) {
        return runWithInput("", command);
    }

    /** Debian's ipvsadm, the oracle, inside this namespace. */
    public Command.Result ipvsadm(String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        return run(argv);
    }

    /** Debian's ipvsadm reading {@code stdin} (for {@code -R}). */
    public Command.Result ipvsadmWithInput(String stdin, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "ipvsadm";
        System.arraycopy(args, 0, argv, 1, args.length);
        return runWithInput(stdin, argv);
    }

    /** {@code ipvsadm -Sn}: the table as the oracle sees it. */
    public String savedTable() {
        return ipvsadm("-Sn").requireSuccess().stdout();
    }

}
