package io.lvsj.syncd.kernel;

import io.lvsj.rtnl.InterfaceAddress;
import io.lvsj.rtnl.Link;
import io.lvsj.rtnl.NewLink;
import io.lvsj.rtnl.RtnlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the {@link SyncLink} exist as it must: the veth pair, up, its two addresses, and the
 * sysctls that let a datagram from one end in at the other. Idempotent: what is already right
 * is left alone, so a restart of lvs-syncd never disturbs a kernel daemon bound to the pair.
 */
public final class SyncLinkSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SyncLinkSetup.class);
    private final Path procSys;

    public SyncLinkSetup(Path procSys) {
        this.procSys = procSys;
    }

    /** The real {@code /proc/sys}. */
    public static SyncLinkSetup system() {
        return new SyncLinkSetup(Path.of("/proc/sys"));
    }

    /** Creates what is missing of {@code link}; throws with a sentence for people if it cannot. */
    public void ensure(RtnlClient rtnl, SyncLink link) throws IOException {
        Optional<Link> kernel = rtnl.link(link.kernelSide());
        Optional<Link> relay = rtnl.link(link.relaySide());
        if (kernel.isPresent() != relay.isPresent()) {
            throw new IOException("the sync link needs both " + link.kernelSide() + " and " + link.relaySide()
                    + " (a veth pair); only " + (kernel.isPresent() ? link.kernelSide() : link.relaySide()) + " exists");
        }
        if (kernel.isEmpty()) {
            rtnl.addLink(new NewLink.Veth(link.kernelSide(), link.relaySide()));
            LOG.info("Created the sync link {} <-> {}", link.kernelSide(), link.relaySide());
        }
        for (String side : new String[] {link.kernelSide(), link.relaySide()}) {
            write("net/ipv6/conf/" + side + "/disable_ipv6", "1");
            write("net/ipv4/conf/" + side + "/rp_filter", "2");
            write("net/ipv4/conf/" + side + "/accept_local", "1");
        }
        address(rtnl, link.kernelSide(), link.kernelAddress(), link.prefixLength());
        address(rtnl, link.relaySide(), link.relayAddress(), link.prefixLength());
        for (String side : new String[] {link.kernelSide(), link.relaySide()}) {
            Link l = rtnl.link(side).orElseThrow();
            if (!l.isUp()) {
                rtnl.setLinkUp(l.index(), true);
            }
        }
    }

    private static void address(RtnlClient rtnl, String name, java.net.InetAddress address, int prefix) {
        int index = rtnl.link(name).orElseThrow().index();
        boolean present = rtnl.addresses(index).stream().anyMatch(a -> a.address().equals(address));
        if (!present) {
            rtnl.addAddress(InterfaceAddress.of(index, address, prefix));
        }
    }

    private void write(String key, String value) throws IOException {
        Path p = procSys.resolve(key);
        if (Files.exists(p) && !Files.readString(p).strip().equals(value)) {
            Files.writeString(p, value);
        }
    }

    /** Whether an interface of this name exists (for the "follow" mode's check). */
    public static boolean exists(RtnlClient rtnl, String name) {
        return rtnl.link(name).isPresent();
    }
}
