package io.lvsj.ipvs;

import io.lvsj.sys.Errno;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * When the kernel has no IPVS family, opening says so in one sentence and carries the errno
 * ipvsadm reports ("Protocol not available"). The host's real generic netlink controller
 * answers for a family that exists nowhere.
 */
class IpvsUnavailableTest {
    @Test
    void aMissingFamilyIsReportedAsIpvsUnavailable() {
        IpvsUnavailableException e = assertThrows(IpvsUnavailableException.class,
                () -> IpvsClient.open(null, "LVSJ-NO-SUCH"));
        assertEquals(Errno.ENOPROTOOPT, e.errnoValue());
        assertEquals("open IPVS: ENOPROTOOPT (Protocol not available): this kernel has no IP Virtual Server"
                + " (generic netlink family \"IPVS\" not found); load the ip_vs module or use a kernel built"
                + " with CONFIG_IP_VS", e.getMessage());
        assertEquals(Errno.ENOENT.number(), ((io.lvsj.netlink.NetlinkException) e.getCause()).errno());
    }
}
