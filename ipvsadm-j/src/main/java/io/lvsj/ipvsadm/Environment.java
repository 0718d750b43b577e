package io.lvsj.ipvsadm;

import io.lvsj.fullnat.FullNat;
import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvsadm.inet.NameService;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Everything ipvsadm-j talks to, so that it runs the same in a process of its own
 * ({@link Main}) and inside a test that runs hundreds of command lines in one JVM.
 *
 * @param stdin          {@code -R}'s input
 * @param ipvs           opens the kernel's IPVS (called at most once per command line)
 * @param procNet        reads this namespace's {@code /proc/net/ip_vs_conn} and {@code /proc/net/ip_vs}
 * @param names          host and service names
 * @param posixlyCorrect POSIXLY_CORRECT is set: options end at the first other word (popt)
 * @param fullNat        the FullNAT state of the same namespace as {@code ipvs} (extension)
 */
public record Environment(InputStream stdin, OutputStream stdout, OutputStream stderr, IpvsConnector ipvs,
                          ProcNet procNet, NameService names, boolean posixlyCorrect, FullNatConnector fullNat) {

    /** FullNAT of this process's own network namespace. */
    public Environment(InputStream stdin, OutputStream stdout, OutputStream stderr, IpvsConnector ipvs,
                       ProcNet procNet, NameService names, boolean posixlyCorrect) {
        this(stdin, stdout, stderr, ipvs, procNet, names, posixlyCorrect, () -> FullNat.of(null));
    }

    /** Opens the FullNAT state (cheap: nothing is read until asked). */
    @FunctionalInterface
    public interface FullNatConnector {
        FullNat open();
    }

    /** Opens IPVS. */
    @FunctionalInterface
    public interface IpvsConnector {
        /**
         * @throws io.lvsj.ipvs.IpvsUnavailableException when the kernel has no IPVS
         * @throws io.lvsj.netlink.NetlinkException      when it cannot be reached
         */
        Ipvs open();
    }

    /** The files of {@code /proc/net} ({@code ip_vs_conn}, {@code ip_vs}). */
    @FunctionalInterface
    public interface ProcNet {
        /** The whole file as text, one char per byte. */
        String read(String name) throws IOException;

        /**
         * The file as a stream of bytes, for a reader that keeps less than the whole text
         * (a table of 100,000 destinations is 6 MB); by default the text {@link #read} gives.
         */
        default ReadableByteChannel open(String name) throws IOException {
            return Channels.newChannel(new ByteArrayInputStream(read(name).getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
