package io.lvsj.ipvsadm;

import io.lvsj.ipvs.Ipvs;
import io.lvsj.ipvs.IpvsClient;
import io.lvsj.ipvs.IpvsUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the kernel's IPVS in this process's network namespace. As ipvsadm does, when IPVS is
 * missing it runs {@code /sbin/modprobe -- ip_vs} once and tries again.
 *
 * <p>Whether IPVS is there is first read from {@code /proc/net/ip_vs}, which the kernel
 * provides in every network namespace while IPVS is loaded: on a kernel without IPVS this
 * answers without setting up native calls and a netlink socket, which costs most of a Java
 * start-up. When {@code /proc} is not mounted, netlink alone decides.
 */
public final class RealIpvsConnector implements Environment.IpvsConnector {
    private static final Path PROC_NET = Path.of("/proc/net");
    private static final Path PROC_IPVS = Path.of("/proc/net/ip_vs");
    private static final String MODPROBE = "/sbin/modprobe";

    @Override
    public Ipvs open() {
        if (Files.isDirectory(PROC_NET) && !Files.exists(PROC_IPVS)) {
            if (modprobe() && !Files.exists(PROC_IPVS)) {
                throw new IpvsUnavailableException(null);
            }
            // without modprobe, let netlink decide: resolving the family may load the module
        }
        try {
            return IpvsClient.open();
        } catch (IpvsUnavailableException e) {
            modprobe();
            return IpvsClient.open();
        }
    }

    /**
     * ipvsadm's {@code modprobe_ipvs}: its output goes where ours goes; its failure is not ours
     * to report. Returns whether modprobe ran at all.
     */
    private static boolean modprobe() {
        try {
            Process p = new ProcessBuilder(MODPROBE, "--", "ip_vs").inheritIO().start();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
