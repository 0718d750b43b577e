package io.lvsj.keepalived;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace holding the interfaces the fixtures name, the same ones
 * {@link FakeHost} describes: veth {@code eth0}, {@code eth1}, {@code eth2} and {@code small0}
 * (MTU 576), and {@code nomcast0}, an ifb without multicast. The host kernel has no
 * {@code dummy} links, so veth pairs stand in (their peers, {@code eth0p}..., stay in the
 * namespace too). Needs root and {@code ip}.
 */
public final class TestNetwork implements AutoCloseable {
    private final String name;

    private TestNetwork(String name) {
        this.name = name;
    }

    /** Creates the namespace afresh (a leftover one from an interrupted run is replaced). */
    public static TestNetwork create(String name) {
        TestNetwork net = new TestNetwork(name);
        run(List.of("ip", "netns", "del", name), true);
        run(List.of("ip", "netns", "add", name), false);
        net.ip("link", "set", "lo", "up");
        for (String veth : List.of("eth0", "eth1", "eth2", "small0")) {
            net.ip("link", "add", veth, "type", "veth", "peer", "name", veth + "p");
            net.ip("link", "set", veth, "up");
        }
        net.ip("link", "set", "small0", "mtu", "576");
        net.ip("link", "add", "nomcast0", "type", "ifb");
        net.ip("link", "set", "nomcast0", "multicast", "off");
        net.ip("link", "set", "nomcast0", "up");
        return net;
    }

    public String name() {
        return name;
    }

    /** The command, run inside the namespace. */
    public List<String> inside(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(command);
        return all;
    }

    private void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(args));
        run(command, false);
    }

    private static void run(List<String> command, boolean mayFail) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0 && !mayFail) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output
                        + " (the differential test needs root and iproute2)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name), true);
    }
}
