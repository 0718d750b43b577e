package io.lvsj.ipvsadm.cli;

import io.lvsj.ipvs.IpvsCommand;
import io.lvsj.ipvs.ServiceKey;

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

    /** A change to the kernel's table; {@code call} decides the wording of a kernel error. */
    record Change(IpvsCommand command, KernelCall call) implements Invocation {
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
