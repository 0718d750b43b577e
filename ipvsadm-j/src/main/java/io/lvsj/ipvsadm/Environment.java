package io.lvsj.ipvsadm;

import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvsadm.inet.NameService;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Everything ipvsadm-j talks to, so that it runs the same in a process of its own
 * ({@link Main}) and inside a test that runs hundreds of command lines in one JVM.
 *
 * @param stdin          {@code -R}'s input
 * @param ipvs           opens the kernel's IPVS (called at most once per command line)
 * @param procNet        reads this namespace's {@code /proc/net/ip_vs_conn} and {@code /proc/net/ip_vs}
 * @param names          host and service names
 * @param posixlyCorrect POSIXLY_CORRECT is set: options end at the first other word (popt)
 */
public record Environment(InputStream stdin, OutputStream stdout, OutputStream stderr, IpvsConnector ipvs,
                          ProcNet procNet, NameService names, boolean posixlyCorrect) {

    /** Opens IPVS. */
    @FunctionalInterface
    public interface IpvsConnector {
        /**
         * @throws io.lvsj.ipvs.IpvsUnavailableException when the kernel has no IPVS
         * @throws io.lvsj.netlink.NetlinkException      when it cannot be reached
         */
        Ipvs open();
    }

    /** A file of {@code /proc/net} ({@code ip_vs_conn}, {@code ip_vs}) as text, one char per byte. */
    @FunctionalInterface
    public interface ProcNet {
        String read(String name) throws IOException;
    }
}
