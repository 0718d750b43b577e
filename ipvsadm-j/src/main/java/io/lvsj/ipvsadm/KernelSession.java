package io.lvsj.ipvsadm;

import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsInfo;
import io.lvsj.ipvs.IpvsUnavailableException;
import io.lvsj.ipvsadm.cli.Exit;
import io.lvsj.ipvsadm.cli.KernelCall;
import io.lvsj.netlink.NetlinkException;

/**
 * The connection to IPVS, opened when a command first needs it. Opening asks for the IPVS
 * version as ipvsadm's {@code ipvs_init} does, so a kernel without IPVS, or a user without
 * CAP_NET_ADMIN, gets ipvsadm's "Can't initialize ipvs" message and status 2.
 */
final class KernelSession implements AutoCloseable {
    private static final int MINIMUM_VERSION = 0x010104;

    private final Environment.IpvsConnector connector;
    private final ErrorLog errors;
    private Ipvs ipvs;
    private IpvsInfo info;

    KernelSession(Environment.IpvsConnector connector, ErrorLog errors) {
        this.connector = connector;
        this.errors = errors;
    }

    Ipvs ipvs() {
        open();
        return ipvs;
    }

    IpvsInfo info() {
        open();
        return info;
    }

    void open() {
        if (ipvs != null) {
            return;
        }
        Ipvs opened = null;
        try {
            opened = connector.open();
            info = opened.info();
        } catch (IpvsUnavailableException e) {
            throw cannotInitialize("Protocol not available", opened);
        } catch (NetlinkException e) {
            throw cannotInitialize(KernelMessages.describe(KernelCall.INIT, e.errno()), opened);
        }
        ipvs = opened;
        if (info.version() < MINIMUM_VERSION) {
            errors.raw("Warning: IPVS version mismatch: \n  Kernel compiled with IPVS version " + info.versionText()
                    + "\n  ipvsadm v1.31  requires minimum IPVS version 1.1.4\n\n");
        }
    }

    private static Exit cannotInitialize(String reason, Ipvs opened) {
        if (opened != null) {
            opened.close();
        }
        return new Exit(2, "Can't initialize ipvs: " + reason
                + "\nAre you sure that IP Virtual Server is built in the kernel or as module?");
    }

    @Override
    public void close() {
        if (ipvs != null) {
            ipvs.close();
            ipvs = null;
        }
    }
}
