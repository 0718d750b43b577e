package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.ServiceKey;

import java.net.InetAddress;

/** What one command line asks for, once read and checked. */
public sealed interface Invocation {

    /** {@code -h} / {@code --help}; the long form adds ipvsadm-j's extensions at the end. */
    record Help(boolean withExtensions) implements Invocation {
    }

    /** {@code -v} / {@code --version}; the long form adds a line naming ipvsadm-j. */
    record Version(boolean withExtensions) implements Invocation {
    }

    /**
     * popt refused a word after the command ({@code --bogus: unknown option}). ipvsadm prints it
     * and fails (status 255), but inside {@code -R} it carries on with the next line.
     */
    record Rejected(String message) implements Invocation {
    }

    /**
     * A change to the kernel's table; {@code call} decides the wording of a kernel error;
     * {@code fullNat} is what it does to the FullNAT table (extension).
     */
    record Change(IpvsCommand command, KernelCall call, FullNatEdit fullNat) implements Invocation {
        public Change(IpvsCommand command, KernelCall call) {
            this(command, call, new FullNatEdit.None());
        }
    }

    /** Extension: {@code -P} (add) or {@code -Q} (delete) a local address of a FullNAT service. */
    record LocalAddress(boolean add, ServiceKey.Inet key, InetAddress address) implements Invocation {
    }

    /** Extension: {@code -G}, the local addresses of one service, or of all when {@code key} is null. */
    record ListLocalAddresses(ServiceKey key) implements Invocation {
    }

    /** {@code -L} of the whole table, with the version header; {@code -S} with {@code rule} set. */
    record ListAll(ListFormat format) implements Invocation {
    }

    record ListService(ServiceKey key, ListFormat format) implements Invocation {
    }

    /** {@code -Lc}: the connection table from {@code /proc/net/ip_vs_conn}. */
    record ListConnections(ListFormat format) implements Invocation {
    }

    record ListTimeouts(ListFormat format) implements Invocation {
    }

    record ListDaemons(ListFormat format) implements Invocation {
    }

    /** {@code -R}: read command lines from standard input. */
    record Restore() implements Invocation {
    }
}
