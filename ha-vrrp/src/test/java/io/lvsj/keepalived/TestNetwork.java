package io.lvsj.keepalived;

import io.lvsj.lab.Command;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;

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
        Command.Result r = Command.run(command, "", Duration.ofSeconds(30));
        if (r.status() != 0 && !mayFail) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + r.status() + "): " + r.output()
                    + " (the differential test needs root and iproute2)");
        }
    }

    @Override
    public void close() {
        run(List.of("ip", "netns", "del", name), true);
    }
}
