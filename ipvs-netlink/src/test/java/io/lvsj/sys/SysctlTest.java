package io.lvsj.sys;

import io.lvsj.lab.LabNamespace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysctlTest {

    @Test
    void namesMapToFilesWithSlashesForDots() {
        assertEquals(Path.of("/proc/sys/net/ipv4/conf/eth0.100/arp_ignore"), Sysctl.path("net.ipv4.conf.eth0/100.arp_ignore"));
    }

    @Test
    void readsAndWritesInsideTheNamespaceOnly() {
        try (LabNamespace ns = LabNamespace.create("sysctl")) {
            Sysctl inside = new Sysctl(NetNamespace.named(ns.name()));
            String host = new Sysctl(null).read("net.ipv4.conf.all.arp_ignore");
            inside.write("net.ipv4.conf.all.arp_ignore", host.equals("1") ? "2" : "1");
            assertEquals(host.equals("1") ? "2" : "1", inside.read("net.ipv4.conf.all.arp_ignore"));
            assertEquals(host, new Sysctl(null).read("net.ipv4.conf.all.arp_ignore"));
            assertEquals(inside.read("net.ipv4.conf.all.arp_ignore"),
                    ns.run("sysctl", "-n", "net.ipv4.conf.all.arp_ignore").requireSuccess().stdout().strip());
            assertTrue(inside.exists("net.ipv4.conf.lo.arp_ignore"));
            assertFalse(inside.exists("net.ipv4.conf.nosuchif.arp_ignore"));
            Sysctl.SysctlException e = assertThrows(Sysctl.SysctlException.class,
                    () -> inside.read("net.ipv4.conf.nosuchif.arp_ignore"));
            assertEquals("cannot read sysctl net.ipv4.conf.nosuchif.arp_ignore: no such parameter", e.getMessage());
        }
    }
}
